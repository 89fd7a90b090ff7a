//! Both directions: every method round-trips, and the vendor document's examples read.

use super::super::uplink::{ChangeTable, DataChange, InputFlags, Login, Uplink, WriteReply};
use super::*;

const HOSTID: &str = "3130373031334717003D002E";

fn uplinks() -> Vec<Uplink> {
    let h = || HOSTID.to_string();
    vec![
        Uplink::Login(Login {
            hostid: h(),
            hostname: "Genset \"north\"".into(),
            password: "980318".into(),
            longitude: Some("113.6".into()),
            latitude: Some("34.7".into()),
            gpsen: Some(1),
            altitude: Some("100".into()),
            moduletype: "HGM6120N-4G".into(),
            module_port: Some(2),
            module_baud: Some(0),
            warnings: Vec::new(),
        }),
        Uplink::LongCon { hostid: h() },
        Uplink::Heartbeat { hostid: h() },
        Uplink::ReqData {
            hostid: h(),
            frames: vec!["010102A5B4C3D2".into(), "0103020000B844".into()],
        },
        Uplink::ReqDataChange {
            hostid: h(),
            change: DataChange {
                packetnum: Some(2),
                tables: vec![
                    ChangeTable {
                        function: 3,
                        entries: vec![(0, "00EF".into()), (7, "00E7".into())],
                    },
                    ChangeTable {
                        function: 1,
                        entries: vec![(0, "0805".into())],
                    },
                ],
                flags: InputFlags {
                    inhibit_remote: Some(true),
                    fire_alarm: Some(false),
                    ..Default::default()
                },
            },
        },
        Uplink::Timing { hostid: h() },
        Uplink::WriteConfigReply {
            hostid: h(),
            uid: Some("17".into()),
            reply: WriteReply::Frame {
                frame: "01050003FF007C3A".into(),
                ok: true,
            },
        },
        Uplink::WriteConfigReply {
            hostid: h(),
            uid: Some("18".into()),
            reply: WriteReply::Port {
                module_port: Some(2),
                module_baud: Some(1),
            },
        },
        Uplink::ResetReply { hostid: h() },
    ]
}

#[test]
fn every_uplink_method_round_trips() {
    for m in uplinks() {
        let text = m.to_json();
        assert_eq!(Uplink::parse(text.as_bytes()).unwrap(), m, "{text}");
    }
}

#[test]
fn every_downlink_method_round_trips() {
    let msgs = vec![
        Downlink::LoginReply(LoginReply {
            register: true,
            retcode: RETCODE_OK.into(),
            historic: "10.0.0.2:21318".into(),
            live_data: "10.0.0.2:21318".into(),
            real_time: "1763900000".into(),
            para_command: "01010000004EBC3E;01030000002D85D7;0103002E000AA5C4".into(),
            con_command: String::new(),
            online_rate: 3000,
            offline_rate: 30000,
            data_mode: 0,
            moduletype: "HGM6120N".into(),
            module_port: Some(2),
            module_baud: Some(0),
        }),
        Downlink::ok("LongCon"),
        Downlink::ok("HB"),
        Downlink::ok("reqdata"),
        Downlink::TimingReply {
            millis: 1_497_811_080_077,
        },
        Downlink::WriteFrame {
            frame: "00050003FF007DEB".into(),
            uid: "1".into(),
        },
        Downlink::WritePort {
            module_port: 1,
            module_baud: 0,
            uid: "2".into(),
        },
        Downlink::Reset,
    ];
    for m in msgs {
        let text = m.to_json();
        assert_eq!(Downlink::parse(text.as_bytes()).unwrap(), m, "{text}");
    }
}

#[test]
fn strict_out_uses_the_exact_spellings() {
    assert_eq!(
        Downlink::ok("LongCon").to_json(),
        r#"{"method":"LongCon","message":"OK","retcode":"000000"}"#
    );
    assert_eq!(
        Downlink::TimingReply { millis: 5 }.to_json(),
        r#"{"method":"timing","message":"ok","retcode":"000000","result":"5"}"#
    );
    assert_eq!(
        Downlink::WriteFrame {
            frame: "00050003FF007DEB".into(),
            uid: "u1".into()
        }
        .to_json(),
        r#"{"method":"writeConfig","result":"00050003FF007DEB","datatype":1,"uid":"u1"}"#
    );
    assert_eq!(
        Downlink::WritePort {
            module_port: 1,
            module_baud: 0,
            uid: "u2".into()
        }
        .to_json(),
        r#"{"method":"writeConfig","modulePort":1,"moduleBaud":0,"datatype":1,"uid":"u2"}"#
    );
    assert_eq!(
        Downlink::Reset.to_json(),
        r#"{"method":"reset","message":"ok","retcode":"000000"}"#
    );
    let login = Downlink::LoginReply(LoginReply {
        module_port: Some(2),
        module_baud: Some(0),
        ..Default::default()
    })
    .to_json();
    for key in [
        "\"register\"",
        "\"historic\"",
        "\"liveData\"",
        "\"realTime\"",
        "\"para_command\"",
        "\"con_command\"",
        "\"online_rate\"",
        "\"offline_rate\"",
        "\"data_mode\"",
        "\"moduletype\"",
        "\"modulePort\"",
        "\"moduleBaud\"",
    ] {
        assert!(login.contains(key), "{key} in {login}");
    }
    assert!(login.starts_with(r#"{"method":"login","result":{"register":0"#));
    // A login that gave no port gets no port asserted back.
    let bare = Downlink::LoginReply(LoginReply::default()).to_json();
    assert!(
        !bare.contains("modulePort") && !bare.contains("moduleBaud"),
        "{bare}"
    );
}

#[test]
fn vendor_document_examples_read() {
    // The login example as printed: `hosted`, `gsen`, no modulePort.
    let login = br#"{
  "method": "login",
  "params":
  {
    "hosted": "AAAAA",
    "hostname": "Smatgen",
    "password": "980318",
    "longitude": "54",
    "latitude": "0",
    "gsen": 0,
    "moduletype": "HGM6120"
  }
}"#;
    let Uplink::Login(l) = Uplink::parse(login).unwrap() else {
        panic!("login expected")
    };
    assert_eq!((l.hostid.as_str(), l.gpsen), ("AAAAA", Some(0)));
    assert_eq!(l.moduletype, "HGM6120");

    // The login reply example has a trailing comma and a missing comma after `}`; with the
    // missing comma restored, the trailing one is tolerated.
    let reply = br#"{"method": "login", "result": {"register": 1, "historic": "192.168.0.194:81",
        "liveData": "192.168.0.194:81", "realTime": "UTC",
        "para_command": "01030000005045F6; 01030000005045F6",
        "online_rate": 3000, "offline_rate": 3000, "modulePort": 2, "moduleBaud": 0,},
        "retcode": "000000"}"#;
    let Downlink::LoginReply(r) = Downlink::parse(reply).unwrap() else {
        panic!("login reply expected")
    };
    assert!(r.register);
    assert_eq!(r.online_rate, 3000);

    // Timing with a trailing comma; `Hostid` capitalised as in Table 3.
    let t = Uplink::parse(b"{\"method\": \"timing\", \"Hostid\": \"AAAAAAA\",\n}").unwrap();
    assert_eq!(
        t,
        Uplink::Timing {
            hostid: "AAAAAAA".into()
        }
    );

    // reqdatachange example with the vendor's `01` coil table.
    let c = br#"{"method": "reqdatachange", "params": {"03": [{"0000": "0805"}],
        "01": [{"0000": "0805"}]}, "hostid": "AAAAAAAA", "InhbitRemote": 1}"#;
    let Uplink::ReqDataChange { change, .. } = Uplink::parse(c).unwrap() else {
        panic!("reqdatachange expected")
    };
    assert_eq!(change.tables.len(), 2);
    assert_eq!(change.tables[1].function, 1);
    assert_eq!(change.flags.inhibit_remote, Some(true));

    // writeConfig reply from Table 14.
    let w =
        br#"{"method": "writeConfig", "params": "01010101,1", "hostid": "AAAAAAA", "uid": "1"}"#;
    assert_eq!(
        Uplink::parse(w).unwrap(),
        Uplink::WriteConfigReply {
            hostid: "AAAAAAA".into(),
            uid: Some("1".into()),
            reply: WriteReply::Frame {
                frame: "01010101".into(),
                ok: true
            }
        }
    );

    // The reqdata ack example lacks a colon: that is malformed, and says so.
    assert!(matches!(
        Downlink::parse(br#"{"method" "reqdata", "message": "OK", "retcode": "000000"}"#),
        Err(MessageError::Json(_))
    ));
}

#[test]
fn bad_messages_are_typed_errors() {
    assert_eq!(
        Uplink::parse(br#"{"method":"selfdestruct","hostid":"A"}"#),
        Err(MessageError::UnknownMethod("selfdestruct".into()))
    );
    assert_eq!(
        Uplink::parse(br#"{"method":"HB"}"#),
        Err(MessageError::Missing("hostid"))
    );
    assert!(matches!(
        Uplink::parse(br#"{"method":"reqdatachange","hostid":"A","params":"x"}"#),
        Err(MessageError::WrongType { .. })
    ));
    assert!(matches!(
        Uplink::parse(br#"{"method":"reqdatachange","hostid":"A","params":{"03":[{"zz":"1"}]}}"#),
        Err(MessageError::WrongType { .. })
    ));
    assert_eq!(
        Uplink::parse(br#"{"hostid":"A"}"#),
        Err(MessageError::Missing("method"))
    );
    assert!(matches!(
        Uplink::parse(br#"{"method":"login","params":{"hostid":["x"]}}"#),
        Err(MessageError::WrongType { .. })
    ));
}

/// The ack, written straight into the buffer, is what `serde_json` writes for the same keys.
#[test]
fn the_ack_written_straight_is_the_serde_json_text() {
    for (method, message, retcode) in [
        ("reqdata", "ok", "000000"),
        ("HB", "refused: \"A\\B\"\n\u{1}", "000001"),
        ("LongCon", "é 中", ""),
    ] {
        let ack = Downlink::Ack {
            method: method.into(),
            message: message.into(),
            retcode: retcode.into(),
        };
        let expected =
            serde_json::json!({"method": method, "message": message, "retcode": retcode});
        assert_eq!(ack.to_json(), expected.to_string());
        let mut buf = b"x".to_vec();
        ack.write_json(&mut buf);
        assert_eq!(&buf[1..], expected.to_string().as_bytes());
    }
}

/// The plain ack written without building it is the built one, byte for byte.
#[test]
fn the_plain_ack_written_straight_is_the_built_ack() {
    for method in ["reqdata", "HB", "LongCon", "odd \"method\""] {
        let mut buf = b"x".to_vec();
        Downlink::write_ok(method, &mut buf);
        assert_eq!(&buf[1..], Downlink::ok(method).to_json().as_bytes());
    }
}
