//! Which graphics backend the window is drawn with, and what to try when one cannot start.
//!
//! On site the app meets remote desktop sessions, virtual machines, old integrated graphics
//! and Wine, where the first backend wgpu picks (DX12 on Windows) may fail to open a window,
//! or abort the whole process in its driver. The app then tries the next of
//! [`Renderer::chain`] (Vulkan, OpenGL, a software adapter) before giving up. Each try runs in
//! a process of its own, started and watched by the first process (see the binary), told
//! which try it is by [`TRY_VARIABLE`].

use std::sync::Arc;

use eframe::egui_wgpu::{WgpuSetup, WgpuSetupCreateNew, wgpu};

/// The try a window process is (0: the first), set by the watcher that started it; the
/// watcher itself has none.
pub const TRY_VARIABLE: &str = "CMM_RENDERER_TRY";
/// The backends to try, comma separated (`auto`, `dx12`, `vulkan`, `gl`, `software`): for
/// checking the fallback itself; users leave it alone.
pub const CHAIN_VARIABLE: &str = "CMM_RENDERER_CHAIN";

/// A way to draw the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Renderer {
    /// What wgpu picks by itself (`WGPU_BACKEND` when set, else the platform's own first).
    Auto,
    /// Direct3D 12.
    Dx12,
    /// Vulkan.
    Vulkan,
    /// OpenGL (ES).
    Gl,
    /// A software adapter (WARP, lavapipe or llvmpipe): slow, but there.
    Software,
}

impl Renderer {
    /// Its name in the log and in [`CHAIN_VARIABLE`].
    pub fn name(self) -> &'static str {
        match self {
            Renderer::Auto => "auto",
            Renderer::Dx12 => "dx12",
            Renderer::Vulkan => "vulkan",
            Renderer::Gl => "gl",
            Renderer::Software => "software",
        }
    }

    fn parse(s: &str) -> Option<Renderer> {
        [
            Renderer::Auto,
            Renderer::Dx12,
            Renderer::Vulkan,
            Renderer::Gl,
            Renderer::Software,
        ]
        .into_iter()
        .find(|r| r.name() == s.trim().to_ascii_lowercase())
    }

    /// The renderers to try in order: `chain` (the value of [`CHAIN_VARIABLE`]) if given,
    /// else only `auto` when the user chose a backend with `WGPU_BACKEND`, else `auto`, then
    /// Vulkan, OpenGL and software.
    pub fn chain(chain: Option<&str>, wgpu_backend_set: bool) -> Vec<Renderer> {
        if let Some(list) = chain {
            let v: Vec<Renderer> = list.split(',').filter_map(Renderer::parse).collect();
            if !v.is_empty() {
                return v;
            }
        }
        if wgpu_backend_set {
            return vec![Renderer::Auto];
        }
        vec![
            Renderer::Auto,
            Renderer::Vulkan,
            Renderer::Gl,
            Renderer::Software,
        ]
    }

    /// How wgpu is set up for it.
    pub fn setup(self) -> WgpuSetup {
        let mut s = WgpuSetupCreateNew::without_display_handle();
        match self {
            Renderer::Auto => {}
            Renderer::Dx12 => s.instance_descriptor.backends = wgpu::Backends::DX12,
            Renderer::Vulkan => s.instance_descriptor.backends = wgpu::Backends::VULKAN,
            Renderer::Gl => s.instance_descriptor.backends = wgpu::Backends::GL,
            Renderer::Software => {
                s.instance_descriptor.backends = wgpu::Backends::all();
                s.native_adapter_selector = Some(Arc::new(|adapters, _surface| {
                    adapters
                        .iter()
                        .find(|a| a.get_info().device_type == wgpu::DeviceType::Cpu)
                        .cloned()
                        .ok_or_else(|| "no software adapter".to_string())
                }));
            }
        }
        WgpuSetup::CreateNew(s)
    }
}

/// The adapter in use, in words: `Vulkan, llvmpipe (LLVM 15.0.6, 256 bits) (Cpu), driver ...`.
pub fn describe(info: &wgpu::AdapterInfo) -> String {
    let mut s = format!("{:?}, {} ({:?})", info.backend, info.name, info.device_type);
    if !info.driver.is_empty() {
        s += &format!(", driver {} {}", info.driver, info.driver_info);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chain_falls_back_unless_the_user_chose() {
        assert_eq!(
            Renderer::chain(None, false),
            vec![
                Renderer::Auto,
                Renderer::Vulkan,
                Renderer::Gl,
                Renderer::Software
            ]
        );
        assert_eq!(Renderer::chain(None, true), vec![Renderer::Auto]);
        assert_eq!(
            Renderer::chain(Some("dx12, GL"), false),
            vec![Renderer::Dx12, Renderer::Gl]
        );
        assert_eq!(
            Renderer::chain(Some("nonsense"), true),
            vec![Renderer::Auto]
        );
    }
}
