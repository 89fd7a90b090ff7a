//! Simulated equipment: a controller with a moving genset behind it, and a modem that serves
//! it to a server. Part of the product (demo mode), and what the tests run against.

pub mod controller;
pub mod engine;

pub use controller::SimController;
