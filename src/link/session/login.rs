//! The login on a short connection, and the allow-list.

use super::limit::{MAX_REFUSED, Verdict, WINDOW};
use super::{Output, Session};
use crate::link::event::Event;
use crate::link::hub::LoginInfo;
use crate::proto::downlink::{Downlink, LoginReply, RETCODE_OK, RETCODE_REFUSED};
use crate::proto::uplink::Login;

impl Session {
    pub(super) fn allowed(&self, hostid: &str, password: Option<&str>) -> Result<(), String> {
        match &self.config.allow {
            None => Ok(()),
            Some(list) => match list.get(hostid) {
                None => Err(format!("hostid {hostid} is not on the allow-list")),
                Some(pw) if password.is_some_and(|p| p != pw) => Err("wrong password".to_string()),
                Some(_) => Ok(()),
            },
        }
    }

    pub(super) fn on_login(&mut self, l: Login) {
        for w in &l.warnings {
            self.emit(Event::ProtocolError {
                hostid: Some(l.hostid.clone()),
                peer: self.peer.to_string(),
                error: format!("login: {w}").into(),
                bytes: String::new(),
            });
        }
        self.login_answered = true;
        let ip = self.peer.ip();
        let limited = self.config.allow.is_some();
        let mut limiter = crate::sync::lock(&self.limiter);
        let verdict = if limited {
            limiter.verdict(ip, self.now)
        } else {
            Verdict::Check
        };
        let mut refused = match verdict {
            Verdict::Check => self.allowed(&l.hostid, Some(&l.password)).err(),
            Verdict::CutOff { secs, .. } => Some(format!(
                "too many refused logins from {ip} ({MAX_REFUSED} within {} s): its logins are \
                 refused unread for {secs} s more",
                WINDOW.as_secs()
            )),
        };
        if let (Verdict::Check, Some(why)) = (verdict, refused.as_mut())
            && limited
            && limiter.refused(ip, self.now)
        {
            why.push_str(&format!(
                "; {MAX_REFUSED} refused logins from {ip} within {} s: its logins are refused \
                 unread for {} s",
                WINDOW.as_secs(),
                WINDOW.as_secs()
            ));
        }
        drop(limiter);
        let plan = self.config.plan_for(&l.moduletype);
        let retcode = if refused.is_none() {
            RETCODE_OK
        } else {
            RETCODE_REFUSED
        };
        let reply = LoginReply {
            register: refused.is_none(),
            retcode: retcode.into(),
            historic: self.advertise.clone(),
            live_data: self.advertise.clone(),
            real_time: (self.wall_ms / 1000).to_string(),
            para_command: plan.to_command_string(),
            con_command: self.config.con_command_for(&l.moduletype, &plan),
            online_rate: self.config.online_rate,
            offline_rate: self.config.offline_rate,
            data_mode: self.config.data_mode,
            moduletype: l.moduletype.clone(),
            module_port: l.module_port,
            module_baud: l.module_baud,
        };
        self.send(&Downlink::LoginReply(reply));
        if refused.is_none() {
            let info = LoginInfo {
                hostname: l.hostname.clone(),
                moduletype: l.moduletype.clone(),
                plan: std::sync::Arc::new(plan),
                coil_delta: self.config.coil_delta_for(&l.moduletype),
            };
            self.outputs.push_back(Output::LoggedIn {
                hostid: l.hostid.clone(),
                info,
            });
        }
        // While an address is cut off, only the first of its logins is said.
        if matches!(verdict, Verdict::CutOff { say: false, .. }) {
            return;
        }
        self.emit(Event::Login {
            hostid: l.hostid,
            hostname: l.hostname,
            moduletype: l.moduletype,
            peer: self.peer,
            accepted: refused.is_none(),
            reason: refused,
            module_port: l.module_port,
            module_baud: l.module_baud,
        });
    }
}
