# CMM Commissioner: the catalogue of every text shown to people, in English (the source).
#
# The texts the code names by their English words come first, by file: this part is written
# by `python3 scripts/i18n.py` (ids as `id_of` in src/i18n/mod.rs makes them); to change such
# a text, change it in the code. Texts with plural forms have ids of their own and are
# written by hand at the end.

## src/app/command.rs
cannot-listen-on-addr-reason-4040a1 = cannot listen on { $addr }: { $reason }
target-is-already-connected-170e73 = { $target } is already connected
map-path-reason-f930b8 = map { $path }: { $reason }
cannot-save-settings-to-path-rea-1ac8dc = cannot save settings to { $path }: { $reason }
not-sent-to-target-reason-43af3a = not sent to { $target }: { $reason }
broker-reason-80ab20 = broker: { $reason }
a-recording-is-read-only-nothing-14213d = a recording is read-only: nothing can be sent from it
nothing-is-being-recorded-the-ap-89fbe0 = nothing is being recorded (the app was started without a recording)
the-demo-needs-the-modem-server-cf6097 = the demo needs the modem server, which is not running
the-core-is-not-taking-commands-d52b86 = the core is not taking commands: { $reason }

## src/app/command_effect.rs
closed-ee50c5 = closed
open-5ec4c9 = open
on-342fd0 = on
off-3a8a0a = off
name-still-closed-8c59ec = { $name } still closed
name-still-open-c4e45c = { $name } still open
name-still-on-24b045 = { $name } still on
name-still-off-d51a61 = { $name } still off
mains-breaker-c15c51 = Mains breaker
generator-breaker-7c34ee = Generator breaker
interlock-the-other-is-closed-cl-f55bb6 = INTERLOCK: the { $other } is closed. Closing the { $own } as well would connect the mains and the generator together: the controller's interlock should refuse it, and the readings will then show the { $own } still open.

## src/app/entry.rs
field-give-an-address-0-65535-7a7ac1 = { $field }: give an address (0-65535)
field-text-is-not-a-hex-number-4abba8 = { $field }: { $text } is not a hex number
field-text-is-not-a-number-9ea213 = { $field }: { $text } is not a number
field-address-address-is-out-of-a663d3 = { $field }: address { $address } is out of range (0-65535)
field-give-a-value-ef1644 = { $field }: give a value
field-give-at-least-one-value-875d9b = { $field }: give at least one value

## src/app/offline.rs
the-stale-marks-error-7de587 = the stale marks: { $error }
the-values-of-target-error-f1e800 = the values of { $target }: { $error }
the-link-state-of-target-error-e88f21 = the link state of { $target }: { $error }
the-stale-marks-of-target-error-559137 = the stale marks of { $target }: { $error }
offline-at-this-moment-51c69d = offline at this moment
part-of-this-moment-cannot-be-re-ec8247 = part of this moment cannot be read: { $what }

## src/app/settings.rs
cannot-read-it-reason-e9f561 = cannot read it: { $reason }
the-file-is-kept-as-file-351a06 = the file is kept as { $file }
it-cannot-be-kept-aside-reason-s-33a449 = it cannot be kept aside ({ $reason }), so it will not be overwritten: settings are not saved this run
settings-in-file-ignored-default-9d1a15 = settings in { $file } ignored (defaults used): { $problem }; { $outcome }
file-is-not-readable-settings-an-351f7e = { $file } is not readable settings and cannot be kept aside ({ $reason }); not overwritten

## src/app/state.rs
not-connected-since-the-last-sta-b8fca8 = not connected since the last start

## src/app/status.rs
listening-on-addr-modems-use-adv-45d99e = listening on { $addr }; modems use { $advertise }
login-hostid-hostname-model-from-5c8b0b = login { $hostid } "{ $hostname }" { $model } from { $peer }
login-refused-hostid-from-peer-r-348921 = login REFUSED { $hostid } from { $peer }: { $reason }
online-hostid-from-peer-replaced-ee139a = online { $hostid } from { $peer } (replaced the old connection)
online-hostid-from-peer-befba3 = online { $hostid } from { $peer }
offline-hostid-reason-62f977 = offline { $hostid }: { $reason }
sent-uid-to-hostid-command-4da4c3 = sent #{ $uid } to { $hostid }: { $command }
uid-hostid-outcome-detail-26ad05 = #{ $uid } { $hostid }: { $outcome } ({ $detail })
protocol-error-from-from-error-b20767 = protocol error from { $from }: { $error }
error-message-16f61c = error: { $message }
connected-to-target-settings-89690c = connected to { $target } ({ $settings })
serial-target-open-settings-c9eae8 = serial { $target } open ({ $settings })
target-down-reason-a40a38 = { $target } down: { $reason }
serial-target-lost-reason-e263cc = serial { $target } lost: { $reason }
target-hostname-model-up-through-5f9f1d = { $target } "{ $hostname }" { $model } up through { $broker }
target-hostname-model-up-through-a789cc = { $target } "{ $hostname }" { $model } up through { $broker } (its bridge takes no commands)
broker-broker-connected-1827f0 = broker { $broker } connected
broker-broker-disconnected-reaso-62dee3 = broker { $broker } disconnected: { $reason }; retrying
target-detached-25e096 = { $target } detached
scan-unit-slave-answers-at-port-c42ef4 = scan: unit { $slave } answers at { $port }
scan-slave-slave-answers-at-baud-63330e = scan: slave { $slave } answers at { $baud } baud on { $port }
scan-error-4bbce0 = scan: { $error }
serial-target-closed-dc9b4e = serial { $target } closed
disconnected-2ab1aa = disconnected
timeout-f68388 = timeout
shutdown-206a4b = shutdown
accepted-c03140 = accepted
rejected-7f6847 = rejected
gone-62aaae = gone

## src/app/supervisor/commissioning.rs
report-of-target-written-to-pdf-7c1c68 = report of { $target } written to { $pdf } (steps in { $csv })

## src/app/supervisor/handlers.rs
attaching-to-the-broker-broker-9267b8 = attaching to the broker { $broker }
detached-from-the-broker-broker-65af6c = detached from the broker { $broker }
scan-port-started-bc0fd6 = scan: { $port } started
saved-a-copy-of-the-recording-to-be2909 = saved a copy of the recording to { $file } ({ $what })
the-copy-was-not-saved-reason-or-61907f = the copy was not saved: { $reason }, or leave the file empty to choose one in the save dialog
the-copy-was-not-saved-reason-28c49a = the copy was not saved: { $reason }

## src/app/supervisor/history.rs
showing-the-recording-file-read-c5c8cc = showing the recording { $file } (read-only)
opened-the-recording-file-in-a-w-264a0b = opened the recording { $file } in a window of its own

## src/app/supervisor/internal.rs
server-stopped-f214db = server stopped
serial-connected-port-c7f6c7 = serial: connected { $port }

## src/app/supervisor/map_jobs.rs
this-computer-has-no-folder-for-2d31a7 = this computer has no folder for maps
map-saved-name-path-used-from-no-810ef1 = map saved: { $name } ({ $path }), used from now on
target-is-decoded-with-map-from-f661a5 = { $target } is decoded with { $map } from now on
a-one-off-read-is-for-a-controll-a3839f = a one-off read is for a controller on a serial port or the network; a modem sends what it polls
reading-n-blocks-3e18f9 = reading { $n } blocks…

## src/app/supervisor/recording.rs
recording-to-file-2472d5 = recording to { $file }
the-modems-of-earlier-recordings-ea2418 = the modems of earlier recordings are not known: { $reason }
old-recording-deleted-file-195cde = old recording deleted: { $file }

## src/app/supervisor/server.rs
demo-simulated-modems-stopped-5e069c = demo: simulated modems stopped

## src/app/target.rs
offline-8b9928 = offline
last-seen-ago-ccae91 = last seen { $ago }
never-seen-d0f3a8 = never seen
offline-why-seen-b8e8fd = OFFLINE ({ $why }) · { $seen }
a-recording-is-read-only-no-comm-331a3f = a recording is read-only: no command can be sent
no-command-can-be-sent-why-2573a4 = No command can be sent: { $why }
not-live-the-target-is-offline-w-aacd20 = not live: the target is offline ({ $why }), last reading at { $time }; this is its last value
not-live-the-target-is-offline-w-10ca76 = not live: the target is offline ({ $why }); this is its last value
stale-since-time-why-d84d07 = stale since { $time }: { $why }
possibly-stale-change-uploads-we-b92d75 = possibly stale: change uploads were lost at { $time }, and this value has not been refreshed since (the next full upload settles it)
when-age-ago-397e1e = { $when } ({ $age } ago)

## src/app/write_plan.rs
model-answers-modbus-functions-l-971a49 = { $model } answers Modbus functions { $list } only, not { $function }
unknown-759fb9 = unknown
mode-mode-status-status-31a7ad = mode { $mode }, status { $status }
mode-mode-b0d27b = mode { $mode }
command-acts-in-modes-mode-only-6ee15d = { $command } acts in { $modes } mode only: the controller is in { $mode }, so it will do nothing.
another-mode-c191bf = another mode
command-acts-in-modes-mode-only-be09bb = { $command } acts in { $modes } mode only, and the mode is not read yet: in { $modes }, the engine will crank and start; in another mode, nothing happens.
command-acts-in-modes-mode-only-e4258f = { $command } acts in { $modes } mode only (the mode is not read yet).
the-engine-will-crank-and-start-91bff2 = The engine will crank and start. Now: { $now }.
the-name-is-state-and-this-opens-6196cb = the { $name } is { $state }, and this opens it
the-name-is-state-and-this-close-afcab9 = the { $name } is { $state }, and this closes it
the-name-is-not-read-yet-its-sta-08a095 = the { $name } is not read yet: its state is not known
this-coil-toggles-it-opens-a-clo-5308b1 = This coil toggles: it opens a closed breaker and closes an open one. Now: { $now }.
this-command-toggles-the-breaker-c13f22 = This command toggles the breaker: it opens a closed one and closes an open one.
sent-as-a-pulse-off-gap-ms-later-c01ada = Sent as a pulse: off, { $gap } ms later on, held { $hold } ms, then off (three writes).
command-refused-why-bc3da4 = { $command } refused: { $why }

## src/journal/mod.rs
voltage-l1-n-6bd343 = Voltage L1-N
voltage-l1-l2-c27141 = Voltage L1-L2
frequency-9206a1 = Frequency
active-power-5b2ade = Active power
power-factor-ac3795 = Power factor
engine-speed-80ac1c = Engine speed
oil-pressure-39d846 = Oil pressure
coolant-temperature-d39a53 = Coolant temperature
battery-voltage-078268 = Battery voltage
fuel-level-741087 = Fuel level
mains-l1-n-c8e2ef = Mains L1-N
run-hours-d9a79d = Run hours
mode-from-to-b672b9 = mode { $from } → { $to }
status-from-to-185f0c = status { $from } → { $to }
generator-breaker-closed-002716 = generator breaker closed
generator-breaker-opened-b04023 = generator breaker opened
mains-breaker-closed-676607 = mains breaker closed
mains-breaker-opened-bb170e = mains breaker opened
mains-returned-d99048 = mains returned
mains-failed-3ff46e = mains failed
engine-started-dfc172 = engine started
engine-stopped-fa10a2 = engine stopped
name-on-when-first-read-292b24 = { $name } (on when first read)
name-cleared-ff3512 = { $name } cleared
first-out-n-after-it-782951 = FIRST-OUT (+{ $n } after it)

## src/journal/read.rs
what-sent-uid-831d6d = { $what } sent (#{ $uid })
what-outcome-confirmed-by-the-re-baf453 = { $what } { $outcome }, confirmed by the readings (#{ $uid })
what-outcome-not-confirmed-by-th-5f648e = { $what } { $outcome }, not confirmed by the readings (#{ $uid })
what-outcome-uid-48fba7 = { $what } { $outcome } (#{ $uid })

## src/link/serial/call.rs
address-the-connection-was-close-fc4476 = { $address }: the connection was closed by the other end

## src/link/serial/commands.rs
done-in-ms-ms-2e401e = done in { $ms } ms

## src/link/serial/link.rs
the-line-was-closing-66dc48 = the line was closing

## src/link/serial/mod.rs
no-answer-in-ms-ms-608ccf = no answer in { $ms } ms

## src/model/serial.rs
cannot-open-port-at-baud-baud-re-d523fa = cannot open { $port } at { $baud } baud: { $reason }
cannot-list-the-serial-ports-rea-904e7d = cannot list the serial ports: { $reason }
cannot-connect-to-address-reason-d68741 = cannot connect to { $address }: { $reason }
port-is-open-at-open-a-slave-on-471707 = { $port } is open at { $open }; a slave on the same line uses the same settings, not { $asked }

## src/proto/fields.rs
malformed-json-reason-c161e8 = malformed JSON: { $reason }
message-is-not-a-json-object-b376b7 = message is not a JSON object
missing-field-field-a49c01 = missing field `{ $field }`
field-field-should-be-expected-g-2f2f03 = field `{ $field }` should be { $expected }, got { $got }
unknown-method-method-845e4f = unknown method `{ $method }`

## src/proto/hex.rs
not-hex-reason-in-text-1d827d = not hex: { $reason } in { $text }

## src/proto/map/draft.rs
table-addr-is-already-described-c56f40 = { $table } { $addr } is already described as { $name }
table-addr-is-already-in-the-map-9889b3 = { $table } { $addr } is already in the map as { $name }

## src/proto/map/file/entries.rs
field-value-is-not-first-or-seco-fa0fae = { $field }: { $value } is not { $first } or { $second }
field-an-input-register-is-read-051752 = { $field }: an input register is read only, never a setting
field-must-be-1-or-2-got-value-c021e8 = { $field }: must be 1 or 2, got { $value }
field-only-for-condition-5239bb = { $field }: only for { $condition }
field-must-be-a-non-zero-number-dcee9a = { $field }: must be a non-zero number, got { $value }
field-flag-registers-take-their-ef43eb = { $field }: `{ $flag }` registers take their ratio from { $setting }; remove `{ $key }`
field-no-table-table-in-the-file-9abc7e = { $field }: no { $table } table in the file
field-runs-past-address-last-d44e49 = { $field }: runs past address { $last }
field-a-counter-pair-is-read-hig-672ebd = { $field }: a counter pair is read high part first
field-must-be-a-number-got-value-779962 = { $field }: must be a number, got { $value }
field-a-range-is-for-settings-co-5825c1 = { $field }: a range is for settings ({ $condition })
field-min-min-is-above-max-max-63f270 = { $field }: min { $min } is above max { $max }
field-address-addr-is-already-de-40b9a8 = { $field }: address { $addr } is already defined at line { $line }
field-first-and-second-are-requi-ee8e49 = { $field }: { $first } and { $second } are required
field-give-exactly-one-of-first-50086a = { $field }: give exactly one of `{ $first }` or `{ $second }`
field-a-bit-range-of-a-holding-r-bd9fec = { $field }: a bit { $range } of a holding register
field-first-and-second-are-for-c-93645c = { $field }: { $first } and { $second } are for { $condition }
field-gap-must-be-at-most-gap-ma-11807e = { $field }: { $gap } must be at most { $gap_max } and { $hold } { $hold_min } to { $hold_max } (ms)

## src/proto/map/file.rs
line-line-message-99dcaa = line { $line }: { $message }
field-unknown-role-role-known-kn-3e91f2 = { $field }: unknown role { $role } (known: { $known })
field-needs-version-2-the-file-s-1bc721 = { $field }: needs version = 2 (the file says version = 1)
error-in-source-bbefa0 = { $error } (in `{ $source }`)
field-expected-expected-got-got-bdcd81 = { $field }: expected { $expected }, got { $got }
field-this-program-reads-version-cf3d5e = { $field }: this program reads versions 1 to { $newest }, the file is version { $version }
field-value-is-not-a-non-zero-he-8157c8 = { $field }: { $value } is not a non-zero hex word like { $example }
field-must-be-a-positive-number-d6d763 = { $field }: must be a positive number, got { $value }
field-must-be-min-to-max-seconds-4b41aa = { $field }: must be { $min } to { $max } seconds, got { $value }
field-must-be-at-least-min-got-v-687414 = { $field }: must be at least { $min }, got { $value }
field-value-is-not-a-modbus-func-8e562d = { $field }: { $value } is not a Modbus function this program speaks ({ $known })
field-key-key-is-not-a-number-ra-1c9f7b = { $field }: key { $key } is not a number { $range }
field-must-be-min-to-max-for-tab-3eb616 = { $field }: must be { $min } to { $max } for { $table }, got { $value }
field-sum-runs-past-last-251148 = { $field }: { $sum } runs past { $last }
field-empty-0c8a98 = { $field }: empty

## src/proto/map/file_bits.rs
field-must-be-min-to-max-aaf75c = { $field }: must be { $min } to { $max }
field-the-register-at-addr-is-a-d68dd6 = { $field }: the register at { $addr } is a pair or an enumeration, not a word of bits
field-no-register-entry-at-addr-2fbf41 = { $field }: no register entry at { $addr } (add one for the word, e.g. { $example })
field-value-is-not-shutdown-trip-60a21e = { $field }: { $value } is not { $shutdown }, { $trip }, { $warning }, { $block }, { $summary } or { $status }
field-this-bit-is-already-define-68e6b4 = { $field }: this bit is already defined at line { $line }

## src/proto/map/mod.rs
built-from-public-sources-check-b66cd6 = built from public sources: check against the controller's display

## src/proto/port.rs
disabled-f36f05 = disabled
port-baud-baud-d0a46c = { $port }, { $baud } baud
port-baud-unknown-a65aa8 = { $port }, baud unknown
port-unknown-baud-baud-1071d6 = port unknown, { $baud } baud
the-modem-will-stop-talking-to-i-c7c670 = The modem will stop talking to its controller: its serial port is disabled, and you may have no other way back in than a visit to the set.
the-modem-will-stop-talking-to-i-4213b2 = The modem will stop talking to its controller unless the controller is wired to its { $new } port (now { $now }).
the-modem-s-current-port-is-not-65290e = The modem's current port is not known: if the controller is not wired to the port chosen, the modem will stop talking to it.

## src/proto/remote.rs
not-a-json-object-reason-7ec568 = not a JSON object: { $reason }
len-bytes-over-the-max-byte-limi-65027b = { $len } bytes, over the { $max } byte limit

## src/proto/rtu/request.rs
slave-slave-read-qty-table-from-581f72 = slave { $slave } read { $qty } { $table } from { $addr }
slave-slave-write-coil-addr-valu-12d65e = slave { $slave } write coil { $addr } = { $value }
slave-slave-write-register-addr-0e2814 = slave { $slave } write register { $addr } = { $value }
slave-slave-write-n-coils-from-a-aac472 = slave { $slave } write { $n } coils from { $addr } = { $bits }
slave-slave-write-n-registers-fr-0daef2 = slave { $slave } write { $n } registers from { $addr } = { $values }

## src/proto/rtu.rs
frame-too-short-len-bytes-6b24d9 = frame too short ({ $len } bytes)
crc-error-frame-says-actual-byte-c4ca1c = CRC error: frame says { $actual }, bytes give { $expected }
unsupported-function-code-code-d79ece = unsupported function code { $code }
frame-length-actual-bytes-expect-37e843 = frame length { $actual } bytes, expected { $expected }
invalid-frame-reason-09328b = invalid frame: { $reason }
response-does-not-match-request-e1319a = response does not match request: { $reason }

## src/report/embed.rs
page-page-of-pages-8f0bf4 = page { $page } of { $pages }

## src/report/limits.rs
nominal-voltage-line-to-neutral-c275eb = Nominal voltage, line to neutral
nominal-frequency-b7bc35 = Nominal frequency
voltage-band-of-nominal-bddf23 = Voltage band, ± % of nominal
frequency-band-of-nominal-c9bd57 = Frequency band, ± % of nominal
minimum-power-factor-under-load-d35b02 = Minimum power factor (under load)
maximum-coolant-temperature-569b25 = Maximum coolant temperature
minimum-oil-pressure-5f1af6 = Minimum oil pressure
judged-from-after-the-step-s-sta-e5dfdb = Judged from, after the step's start
the-default-voltage-and-frequenc-3c1553 = The default voltage and frequency bands follow the steady-state bands of ISO 8528-5 performance class G2 (steady-state voltage deviation ±2.5 %; steady-state frequency band 1.5 %, taken as ±0.75 % about nominal); the judging starts 10 s after each step's start, past G2's recovery times. They are defaults for a commissioning check, not a test to the standard: no compliance with ISO 8528-5 is claimed.
pass-965098 = PASS
fail-438d2d = FAIL
no-nominal-enter-it-8e25d7 = no nominal: enter it
nominal-unit-band-low-to-high-65e0e3 = { $nominal } { $unit } ±{ $band } %: { $low } to { $high }
no-readings-bd535b = no readings
limit-no-readings-after-the-sett-3695cd = { $limit } (no readings after the settling time)
at-least-min-under-load-no-load-b28e55 = at least { $min } under load; no load
at-least-min-b87177 = at least { $min }
at-most-max-c-214184 = at most { $max } °C
at-least-min-kpa-27c42d = at least { $min } kPa
the-map-gives-unit-not-judged-01fe14 = the map gives { $unit }: not judged

## src/report/mod.rs
cannot-write-path-reason-06d190 = cannot write { $path }: { $reason }
seconds-s-0f06fd = { $seconds } s
minutes-min-seconds-s-a9d8c8 = { $minutes } min { $seconds } s
hours-h-minutes-min-614353 = { $hours } h { $minutes } min
generator-set-commissioning-repo-a3e821 = Generator set commissioning report
made-made-from-the-recording-fil-9677fc = Made { $made } from the recording { $file } (readings { $from } to { $to }); times are this computer's local time, with their offset from UTC.
read-from-the-controller-and-the-403394 = Read from the controller and the modem
counters-ee5e10 = Counters
counter-0f33c3 = Counter
start-of-the-recording-67b608 = Start of the recording
read-at-ebe0ca = read at
end-of-the-recording-491517 = End of the recording
difference-a75162 = Difference
commands-sent-audit-trail-8ec281 = Commands sent (audit trail)
no-command-was-sent-f160ae = No command was sent.
no-outcome-recorded-c01c2a = no outcome recorded
confirmed-a0440e = confirmed
not-confirmed-43508f = NOT confirmed
sent-8dfb9f = Sent
command-7c8f52 = Command
outcome-dfaed3 = Outcome
readings-f6b638 = Readings
markers-and-notes-2925b4 = Markers and notes
none-e3244f = None.
time-e4e404 = Time
note-40c15d = Note
deviations-c58785 = Deviations
none-recorded-edc1bd = None recorded.
signatures-f3a55a = Signatures
commissioning-engineer-ffaadd = Commissioning engineer
witness-fa5bcc = Witness
customer-f3c039 = Customer
job-job-15ebb7 = Job { $job }
settings-read-from-the-controlle-2dc3d9 = Settings read from the controller's panel
changed-29e89b = changed
setting-9f754b = Setting
as-found-bc42a9 = As found
as-left-9532fe = As left
changed-during-the-visit-004144 = Changed during the visit
from-the-snapshot-first-first-ti-ceabed = From the snapshot "{ $first }" ({ $first_time }) to "{ $last }" ({ $last_time }).
no-setting-or-state-differs-ada46b = No setting or state differs.
value-47f96a = Value
where-dad0f8 = Where
summary-a44713 = summary
warning-2112ef = warning
trip-9433ea = trip
block-0cbd62 = block
alarms-from-the-journal-90508e = Alarms (from the journal)
no-alarm-came-on-while-recorded-309ba3 = No alarm came on while recorded.
each-alarm-as-it-came-on-with-th-f894d1 = Each alarm as it came on, with the readings then. When several came on together (within 5 s), the first is marked first-out: what tripped first.
after-first-3e7db1 = after { $first }
on-at-ddcc15 = On at
alarm-21c77a = Alarm
first-out-3d96c8 = First-out
speed-6b8020 = Speed
power-49a5e6 = Power
alarm-at-time-with-f20cd4 = { $alarm } at { $time }{ $with }
the-trip-is-at-the-middle-of-the-41b2ef = The trip is at the middle of the plot.
and-more-more-cmmctl-journal-fil-941336 = {"."}.. and { $more } more: `cmmctl journal { $file } --kind alarm_on` lists them all.
protection-tests-c9973f = Protection tests
passed-of-tests-tests-passed-a-t-df4560 = { $passed } of { $tests } tests passed. A test ticks itself when the recording shows its alarm coming on; the time to stop is until the engine speed (or the frequency) read 0.
pass-recorded-76abbf = PASS (recorded)
stop-not-seen-dc5ef7 = stop not seen
pass-by-hand-76a065 = PASS (by hand)
not-tested-eceb87 = not tested
test-fcbe05 = Test
result-4af044 = Result
time-to-stop-b4d027 = Time to stop

## src/report/model.rs
site-38a36e = Site
customer-s-representative-f1b360 = Customer's representative
job-number-71ca45 = Job number
engineer-6dbd38 = Engineer
genset-make-c126a3 = Genset make
genset-model-ae17be = Genset model
genset-serial-number-d4de26 = Genset serial number
genset-rating-kva-kw-v-hz-44f8ca = Genset rating (kVA / kW, V, Hz)
engine-make-24657b = Engine make
engine-model-358356 = Engine model
engine-serial-number-3334ce = Engine serial number
engine-rating-kw-rpm-dc4912 = Engine rating (kW, rpm)
alternator-make-df7e5f = Alternator make
alternator-model-117aaa = Alternator model
alternator-serial-number-df208a = Alternator serial number
alternator-rating-kva-v-hz-31843b = Alternator rating (kVA, V, Hz)
controller-serial-number-5c7210 = Controller serial number
ambient-temperature-c-3883d3 = Ambient temperature (°C)
altitude-m-9da555 = Altitude (m)
load-bank-make-and-model-d03bb9 = Load bank make and model
load-bank-rating-kw-kvar-b1ed68 = Load bank rating (kW / kvar)
load-bank-type-resistive-reactiv-ac66d5 = Load bank type (resistive, reactive)
site-and-people-cb9dca = Site and people
nameplates-048767 = Nameplates
conditions-and-load-bank-4983b8 = Conditions and load bank
voltage-l2-n-4387de = Voltage L2-N
voltage-l3-n-c413b5 = Voltage L3-N
voltage-l2-l3-49a6d1 = Voltage L2-L3
voltage-l3-l1-a65b1a = Voltage L3-L1
current-l1-1e53d5 = Current L1
current-l2-1e4f1c = Current L2
current-l3-1e50af = Current L3
apparent-power-62f03d = Apparent power
starts-463de4 = Starts
energy-278db5 = Energy
no-site-no-steps-no-tests-make-i-956e1a = no site, no steps, no tests: make it anyway?
the-recording-has-no-target-targ-874edc = the recording has no target { $target }
the-recording-holds-no-target-to-0f6761 = the recording holds no target to report on
the-recording-holds-several-targ-c08ea5 = the recording holds several targets; name one with --target ({ $targets })

## src/report/pdf.rs
name-name-e401e9 = Name: { $name }
signature-f33595 = Signature:
date-cb7279 = Date:

## src/report/plot.rs
no-data-bba6ae = no data

## src/report/readings.rs
controller-model-6bc710 = Controller model
software-version-e293fc = Software version
hardware-version-1589b5 = Hardware version
software-date-bc77e4 = Software date
register-map-0c3ff6 = Register map
modem-through-broker-fdec15 = Modem through broker
hostid-broker-broker-4114e3 = { $hostid } (broker { $broker })
modem-hostid-721074 = Modem hostid
serial-target-096c9e = Serial target
modem-name-e68714 = Modem name
reported-model-b7676b = Reported model

## src/report/steps.rs
the-engine-stopping-54403a = the engine stopping
ended-by-reason-at-time-2b2a50 = , ended by { $reason } at { $time }
not-ended-1bb179 = {" "}(not ended)
short-under-half-the-planned-tim-e290f1 = ; SHORT: under half the planned time
limits-no-load-step-was-recorded-67ccb6 = Limits: no load step was recorded, nothing was judged.
limits-the-steps-are-judged-agai-3b35b3 = Limits the steps are judged against
not-entered-and-not-recognised-i-04b743 = not entered, and not recognised in the readings
entered-5d3c54 = entered
the-controller-s-own-setting-3ce672 = the controller's own setting
assumed-the-standard-value-neare-1ffea9 = assumed: the standard value nearest the readings (enter it to be sure)
default-3b5bde = default
limit-964ad4 = Limit
from-743595 = From
no-limits-were-entered-in-this-r-362aeb = No limits were entered in this recording: the defaults apply.
limit-text-is-not-a-number-the-d-6a9c43 = { $limit }: "{ $text }" is not a number; the default applies.
load-steps-0682ee = Load steps
the-figures-rest-on-readings-eve-98ad85 = The figures rest on readings every { $interval }: a dip or a peak shorter than that is not seen.
no-load-step-was-recorded-e9d69b = No load step was recorded.
fail-values-e3156d = FAIL: { $values }
not-run-e97577 = not run
step-71f92f = Step
started-b5823e = Started
lasted-planned-cbc8ab = Lasted / planned
mean-kw-cc7b06 = Mean kW
mean-hz-155012 = Mean Hz
alarms-2c532b = Alarms
limits-9784e5 = Limits
step-step-from-to-to-status-c708cf = Step "{ $step }": { $from } to { $to }{ $status }
low-to-high-b5fa56 = { $low } to { $high }
unit-e16627 = Unit
minimum-238a97 = Minimum
mean-bdc074 = Mean
maximum-955e21 = Maximum
judged-8aea60 = Judged
judged-the-lowest-and-highest-re-b52104 = Judged: the lowest and highest reading from { $settle } after the step's start to its end.
no-alarm-during-the-step-6efaa3 = No alarm during the step.
alarm-at-time-alarm-780aef = Alarm at { $time }: { $alarm }

## src/report/steps_csv.rs
step-441a0f = step
start-2b04df = start
end-8e75aa = end
duration-s-6576ff = duration_s
planned-s-64d947 = planned_s
value-5ed3ca = value
unit-b51a07 = unit
min-8f4557 = min
mean-de2954 = mean
max-a2e319 = max
alarms-658e0b = alarms
judged-min-b42b1f = judged_min
judged-max-a0b971 = judged_max
limit-dad934 = limit
result-377624 = result

## src/store/export.rs
time-3c9be4 = time
target-608848 = target
name-39bde6 = name
raw-ff12f1 = raw

## src/store/mod.rs
recording-path-reason-cb39bf = recording { $path }: { $reason }
path-is-not-a-cmm-commissioner-r-eddf3c = { $path } is not a CMM Commissioner recording
path-was-made-by-a-newer-version-9ad2e5 = { $path } was made by a newer version of CMM Commissioner (schema { $version }); this one reads schema { $ours }
recording-path-a-file-is-already-a9123d = recording { $path }: a file is already there: give another name
the-recorder-fell-behind-n-recor-c723f5 = the recorder fell behind: { $n } records not written

## src/ui/app.rs
a-map-of-the-maps-folder-was-not-e49c1e = a map of the maps folder was not loaded: { $error }

## src/ui/broker_ui.rs
give-the-broker-s-address-e-g-mq-d32e02 = give the broker's address, e.g. mqtts://broker.example.com:8883
topic-prefix-prefix-give-a-topic-58d9fe = topic prefix { $prefix }: give a topic level without + or # (cmm by default)
a-ca-file-is-for-mqtts-only-65f72c = a CA file is for mqtts:// only
broker-broker-connecting-91a847 = broker { $broker }: connecting
broker-broker-not-connected-reas-7b77f5 = broker { $broker }: not connected ({ $reason }); retrying
attach-to-broker-68312a = Attach to broker
the-modems-a-cmmctl-serve-mqtt-p-cf6a0c = The modems a cmmctl serve --mqtt publishes on this broker appear as targets mqtt:HOSTID, with the same views. Commands need a bridge run with --mqtt-commands, over mqtts:// with credentials.
broker-c941d4 = Broker
user-a63e12 = User
none-a7afdb = none
password-c30838 = Password
kept-for-this-run-only-never-sav-f78834 = kept for this run only, never saved
ca-file-167965 = CA file
mqtts-the-system-s-certificates-ee613c = mqtts://: the system's certificates
topic-prefix-5bb6e8 = Topic prefix
attach-again-f9fcb0 = Attach again
attach-a92e64 = Attach
detach-5c52d2 = Detach
close-86acc3 = Close

## src/ui/commission_ui.rs
commissioning-43e3d8 = Commissioning
select-a-modem-or-a-serial-targe-857411 = Select a modem or a serial target in the list first.
nothing-is-being-recorded-a-comm-4253f5 = Nothing is being recorded: a commissioning is kept in the recording. Start the app without --no-record.
recording-shown-read-only-entrie-249bb7 = (recording shown read-only: entries cannot be changed)
not-in-the-recording-yet-reason-95d001 = Not in the recording yet: { $reason }
reading-the-recording-b050e5 = reading the recording…
site-people-nameplates-and-load-287768 = Site, people, nameplates and load bank
what-differs-from-the-specificat-e7ff12 = what differs from the specification, and what is left to do
save-to-the-recording-da3ee1 = Save to the recording
count-not-saved-yet-69646e = { $count } not saved yet
equipment-and-counters-3cff03 = Equipment and counters
read-from-the-recording-once-it-3ea972 = read from the recording once it has readings
start-at-the-start-of-the-record-5214ee = { $start } at the start of the recording ({ $start_time }), { $end } at { $end_time }
running-step-for-duration-7d8d87 = Running: { $step } for { $duration }
duration-left-49ac53 = ({ $duration } left)
planned-time-reached-08bcf1 = (planned time reached)
end-the-step-8e9f4d = End the step
no-step-running-b00c93 = No step running
minutes-d9968e = Minutes
recorded-ec27dd = Recorded
mean-kw-kw-6f1096 = mean { $kw } kW
running-6647fd = (running)
start-step-517c97 = Start step
start-this-step-now-ends-the-run-6da5ba = Start this step now (ends the running one)
remove-a5901d = Remove
remove-from-the-plan-5c1493 = Remove from the plan
add-a-step-1aa42f = Add a step
step-number-869d6c = Step { $number }
default-steps-5afb31 = Default steps
within-limits-d968fa = within limits
fail-limits-b7b7a7 = FAIL: { $limits }
done-of-total-passed-a-test-tick-e650e1 = { $done } of { $total } passed. A test ticks itself when the recording shows its alarm coming on.
stopped-after-duration-64501e = stopped after { $duration }
passed-recorded-time-stop-09167c = Passed, recorded { $time }, { $stop }
passed-by-hand-time-206ee8 = Passed by hand { $time }
passed-by-hand-time-note-4555a0 = Passed by hand { $time }: { $note }
undo-fd4acf = Undo
how-it-was-tested-83a17c = how it was tested
passed-4b3fb9 = Passed
tick-by-hand-with-the-note-4d091f = Tick by hand, with the note
another-test-e-g-load-rejection-739b24 = another test (e.g. load rejection)
snapshot-370fad = Snapshot
read-every-block-the-map-names-a-3b07ab = Read every block the map names (and the ranges beside) and keep the values, labelled "{ $label }", to compare
keep-every-value-the-target-repo-358afa = Keep every value the target reports now, labelled "{ $label }", to compare
also-read-9f054e = also read
ranges-the-map-does-not-name-rea-6f3c1c = Ranges the map does not name: read function, first address, how many
as-found-eaea89 = as found
as-left-390c5e = as left
save-the-commissioning-report-291806 = Save the commissioning report
report-file-c4c4f7 = Report file
ask-where-save-dialog-5899cb = ask where (save dialog)
in-387a9e = in
the-report-s-language-whatever-t-4a20c7 = The report's language, whatever the window's
make-the-report-278bae = Make the report
pdf-with-the-load-steps-as-csv-b-937c54 = PDF, with the load steps as CSV beside it
nothing-entered-for-this-target-bac889 = Nothing entered for this target: { $warning }
make-it-anyway-5fb179 = Make it anyway
cancel-afca3b = Cancel

## src/ui/config_ui.rs
configuration-5ee459 = Configuration
not-read-3b3876 = not read
now-value-9868e0 = now { $value }
min-to-max-unit-b9b610 = { $min } to { $max } { $unit }
allowed-range-426798 = allowed: { $range }
set-name-76c592 = Set { $name }…

## src/ui/diagram_ui.rs
mains-and-generator-in-parallel-a968d8 = mains and generator (in parallel)
mains-1487a1 = mains
generator-ec35c2 = generator
not-known-no-breaker-state-read-15d904 = not known (no breaker state read)
nothing-the-load-is-dead-cff02b = nothing: the load is dead
single-line-diagram-mains-mains-a68b0c = Single-line diagram: mains { $mains }, mains breaker { $mains_breaker }, generator breaker { $gen_breaker }, generator { $generator }; load fed by { $fed_by }
live-f017af = live
dead-df2b27 = dead
single-line-diagram-no-data-the-1ccaac = Single-line diagram: no data (the target is offline)
mains-0f0a41 = Mains
generator-798b62 = Generator
gen-breaker-2f5835 = Gen breaker
load-afa209 = Load

## src/ui/editor_ui.rs
remote-control-blocked-reason-53984a = Remote control blocked: { $reason }
override-i-am-at-the-set-and-it-826a69 = Override: I am at the set and it is safe
no-remote-commands-known-for-thi-ed9a83 = No remote commands known for this model.
register-39c9e0 = Register
addr-d75f72 = addr
write-f809b8 = Write…
coil-795552 = Coil
on-cc760c = On…
off-3362ea = Off…
registers-f85269 = Registers
from-cd8075 = from
v1-v2-or-v1-v2-dae2d5 = v1, v2 or v1; v2
each-value-in-its-register-s-uni-0bd7d7 = Each value in its register's unit; with ';' between values, 25,5 is 25.5
modem-port-now-494dd6 = Modem port now:
its-login-did-not-say-choose-bot-d535a8 = (its login did not say: choose both)
set-to-c2cd88 = Set to
at-251588 = at
choose-30653c = choose…
baud-cdc48d = baud
choose-the-port-and-the-baud-fir-e02866 = Choose the port and the baud first
this-is-the-modem-s-setting-alre-d88c38 = This is the modem's setting already
set-port-and-baud-36a853 = Set port and baud…
reset-modem-8aadba = Reset modem…
sent-waiting-0364be = sent, waiting…
confirmed-by-the-readings-6e9ded = confirmed by the readings
not-seen-in-the-readings-hint-c30dfd = NOT seen in the readings: { $hint }
not-confirmed-unmet-after-secs-s-cb1d29 = not confirmed: { $unmet } after { $secs } s
not-seen-in-the-readings-within-42c1be = NOT seen in the readings within { $secs } s
checking-the-readings-b4dea9 = checking the readings…
write-log-023b06 = Write log
port-at-baud-7899f1 = { $port } at { $baud }
unknown-port-d2b304 = unknown port
unknown-baud-29aebf = unknown baud
set-the-modem-s-own-serial-port-dcc8d2 = Set the modem's own serial port: { $from } -> { $to } (modulePort { $port }, moduleBaud { $baud })
reset-the-modem-it-drops-the-con-c2a3a2 = Reset the modem: it drops the connection and logs in again
not-sent-reason-c43b1c = Not sent. { $reason }
send-to-the-controller-952e2a = Send to the controller?
send-to-the-modem-f188a6 = Send to the modem?
target-name-hostid-979402 = Target: { $name } { $hostid }
slave-slave-f354b7 = Slave { $slave }
frame-frame-4cff51 = Frame: { $frame }
updated-keys-typed-before-the-cl-1bebe8 = Updated: keys typed before the click arrived after it (input method).
send-8e14cf = Send
commands-1550f3 = Commands
select-a-modem-d12e8a = Select a modem.
seen-through-the-broker-broker-i-db85b2 = Seen through the broker { $broker }. Its bridge takes no commands (cmmctl serve runs without --mqtt-commands): read-only.
through-the-broker-broker-each-c-f291a4 = Through the broker { $broker }: each command goes to its bridge, which checks it again.
no-register-writes-reason-991d1f = No register writes: { $reason }.

## src/ui/file_dialog.rs
no-map-file-chosen-if-no-file-di-f9fd94 = no map file chosen; if no file dialog appeared, this system has none (no desktop portal): type the file's path in Maps > Load map file instead
no-file-chosen-for-the-export-42c8cc = no file chosen for the export
no-file-chosen-for-the-report-910764 = no file chosen for the report
no-register-list-chosen-if-no-fi-c4672f = no register list chosen; if no file dialog appeared, this system has none

## src/ui/fleet_ui.rs
name-e07306 = Name
modem-port-b6fba3 = Modem / port
model-85e8fa = Model
link-08e589 = Link
mode-4e7732 = Mode
status-5ef20f = Status
last-seen-877718 = Last seen
alarm-ebecda = alarm
no-login-yet-54b22a = (no login yet)
fleet-name-9f7576 = fleet { $name }
sort-by-column-8c9f06 = sort by { $column }
fleet-5615cf = Fleet
fleet-filter-89c0ef = Fleet filter
name-id-model-mode-alarm-offline-fb08c3 = name, id, model, mode, alarm, offline

## src/ui/fonts.rs
no-font-on-this-computer-draws-c-c628b0 = No font on this computer draws { $count } of these characters ({ $list }): they show as boxes here. The text is kept as typed.

## src/ui/hand_settings_ui.rs
setpoints-modbus-cannot-read-typ-9186e2 = Setpoints Modbus cannot read: type them from the controller's panel as found on arrival and as left, then Keep.
range-11e772 = Range
another-setting-7828a8 = Another setting
its-name-on-the-panel-87ccd8 = its name on the panel
add-c3aa14 = Add
keep-count-edited-ff32e7 = Keep ({ $count } edited)

## src/ui/handover_ui.rs
export-csv-58f993 = Export CSV
the-start-or-yyyy-mm-dd-hh-mm-ss-c617b4 = the start (or YYYY-MM-DD hh:mm:ss)
to-f59644 = To
the-end-b88649 = the end
file-183663 = File
values-4d225b = Values
the-plotted-ones-934e69 = the plotted ones
all-254bc4 = all
layout-88421f = Layout
wide-a-column-per-value-23379a = wide (a column per value)
long-a-row-per-change-816762 = long (a row per change)
times-53a755 = Times
utc-else-local-time-with-its-off-a5fc28 = UTC (else local time with its offset)
for-7e1b30 = For
a-spreadsheet-excel-873f68 = a spreadsheet (Excel)
opens-right-by-double-click-c-an-6fbb3f = Opens right by double-click: °C, Ω and non-Latin names, ; between fields, this computer's decimal mark
scripts-plain-csv-614748 = scripts (plain CSV)
comma-separated-decimal-point-no-199198 = Comma-separated, decimal point, no byte-order mark
export-6349d3 = Export
export-the-recording-as-csv-3b4d4d = Export the recording as CSV
save-a-copy-of-the-recording-472439 = Save a copy of the recording
targets-a08d81 = Targets
only-name-160e3e = only { $name }
only-the-selected-one-b25095 = only the selected one
save-2d5d68 = Save
recording-5cf20c = Recording
from-is-after-to-660bb2 = From is after To
no-target-is-selected-733936 = no target is selected
nothing-is-plotted-choose-all-or-716e26 = nothing is plotted: choose "all", or plot the values to export

## src/ui/help_ui.rs
not-kept-no-home-folder-469fe7 = (not kept: no home folder)
help-9df01a = Help
serves-smartgen-cmm365-cmm366-cl-a24a83 = Serves SmartGen CMM365/CMM366 cloud modems on this laptop, and polls controllers on its serial port.
point-a-modem-at-this-laptop-bd4651 = Point a modem at this laptop
t-1-put-the-laptop-on-a-network-th-432822 = 1. Put the laptop on a network the modem reaches (the site LAN; a 4G modem needs a public address or a port forward).
t-2-in-the-modem-s-configuration-s-acc677 = 2. In the modem's configuration, set the server address to one of the addresses in the status bar (click one to copy it), port { $port }.
t-3-the-modem-logs-in-opens-its-lo-cce604 = 3. The modem logs in, opens its long connection, and appears on the left as online. Real modems reconnect by themselves every 4 to 25 minutes.
port-and-firewall-f3ed8d = Port and firewall
the-server-listens-on-tcp-port-p-b0828d = The server listens on TCP port { $port } (File > Settings changes it). Allow it through the firewall:
on-linux-a-serial-adapter-needs-665e01 = On Linux, a serial adapter needs the dialout group: sudo usermod -aG dialout $USER, then log in again.
where-things-are-kept-023e49 = Where things are kept
settings-file-3cd5ba = Settings: { $file }
logs-and-crash-reports-folder-0433e5 = Logs and crash reports: { $folder }
the-app-s-log-file-in-that-folde-697457 = The app's log: { $file } in that folder (what the event log says, how the app started and with which renderer; { $size } MiB, then moved to .1, { $kept } older kept)
window-size-and-panel-layout-kep-92db7d = Window size and panel layout: kept by the window system's app storage (eframe).
keyboard-d1a714 = Keyboard
this-help-c9cbd0 = this help
esc-a03a5e = Esc
close-a-dialog-without-sending-dbd30e = close a dialog without sending
ctrl-ctrl-a6d5c2 = Ctrl + / Ctrl -
larger-or-smaller-text-aa4a36 = larger or smaller text
ctrl-0-abfd14 = Ctrl 0
text-size-back-to-normal-4df5c2 = text size back to normal
ctrl-c-ac7fbd = Ctrl C
copy-selected-text-traffic-inspe-06c098 = copy selected text (traffic inspector, dialogs)
tab-8358ec = Tab
next-field-57e254 = next field
ctrl-f-ac77de = Ctrl F
the-filter-of-the-values-table-o-ec7b68 = the filter of the values table or the fleet
up-down-702e73 = Up / Down
previous-or-next-target-alt-up-a-f18cba = previous or next target (Alt+Up / Alt+Down while typing)
enter-f863ad = Enter
in-the-fleet-open-the-selected-t-62ed76 = in the fleet: open the selected target
ctrl-1-2-3-1adfc4 = Ctrl 1 / 2 / 3
overview-values-fleet-24f494 = Overview, Values, Fleet
load-a-register-map-eac6d5 = Load a register map
map-file-2c7c5d = Map file
path-to-map-toml-f6722c = /path/to/map.toml
browse-b63f91 = Browse…
register-map-toml-cd22c1 = Register map (TOML)
loaded-map-cf9948 = Loaded: { $map }
maps-in-use-first-match-wins-4c2506 = Maps in use, first match wins:

## src/ui/journal_ui.rs
select-a-target-to-see-its-journ-43971c = Select a target to see its journal.
the-journal-is-read-from-the-rec-500195 = The journal is read from the recording, and nothing is being recorded (the app was started without one).
show-742e5c = Show
every-kind-10830e = every kind
read-again-0dcc5d = Read again
read-the-journal-from-the-record-78fcef = Read the journal from the recording now
reading-dca625 = reading…
nothing-of-this-kind-recorded-fo-0258a5 = Nothing of this kind recorded for this target.
show-60-s-the-plots-around-this-b0751c = Show ±60 s: the plots around this moment
first-out-count-more-came-on-aft-5190c6 = First-out: { $count } more came on after it.
came-on-after-first-the-first-ou-dcf376 = Came on after { $first }, the first-out.
alarm-on-897dda = alarm_on
alarm-off-5d1bac = alarm_off
mode-6ee012 = mode
status-4b77ef = status
breaker-fb0f4f = breaker
stop-532ae5 = stop
command-594ab2 = command
verdict-805e56 = verdict
link-db0669 = link
marker-f83197 = marker

## src/ui/limits_ui.rs
default-value-e8e79b = default { $value }
value-from-the-controller-bdfc45 = { $value } from the controller
assumed-value-from-the-readings-0c150e = assumed { $value } from the readings
from-the-readings-or-enter-it-47e031 = from the readings, or enter it
each-load-step-s-values-are-judg-beb00f = Each load step's values are judged against these (empty: the default). The default bands follow ISO 8528-5 class G2's steady-state bands; no compliance with the standard is claimed.
unit-not-a-number-61545e = { $unit }: not a number
save-the-limits-b4f571 = Save the limits

## src/ui/map_edit_ui.rs
map-editor-f37266 = Map editor
target-map-now-map-79e091 = { $target } · map now: { $map }
module-type-e-g-acme-ats-d5ec02 = module type, e.g. ACME-ATS
the-map-is-saved-for-this-module-819f32 = The map is saved for this module type, and used for every controller of it
read-and-find-values-5a769f = Read and find values
click-an-unnamed-value-in-the-va-bdbf9d = Click an unnamed value in the Values tab to describe it.
reading-once-is-for-a-controller-475eb4 = Reading once is for a controller on a serial port or the network, online
read-once-cc79ba = Read once
fc-addr-qty-the-read-function-01-3ac619 = FC:ADDR+QTY: the read function (01 coils, 02 discrete inputs, 03 holding, 04 input registers), the first address, how many
read-0befe5 = Read
find-blocks-from-1ebd48 = Find blocks from
to-454824 = to
by-2bcc94 = by
find-1cd17a = Find
reads-every-block-of-the-range-i-6694d5 = Reads every block of the range in each table checked: what answers shows in the Values tab, what the controller refuses is left out
described-not-saved-yet-f7fd66 = Described, not saved yet:
edit-c76cb1 = Edit
save-the-map-e29aa5 = Save the map
save-as-the-map-of-model-300f07 = Save as the map of { $model }
adds-the-entries-to-map-saved-in-cfb487 = Adds the entries to { $map }, saved in the maps folder
a-new-map-saved-in-the-maps-fold-4b528c = A new map, saved in the maps folder
describe-a-value-first-click-one-683f50 = Describe a value first (click one in the Values tab), and give the model
import-a-register-list-csv-bd9dcd = Import a register list (CSV)…
columns-address-name-unit-scale-77b0bc = Columns address, name, unit, scale, table: a manual's table pasted into a spreadsheet
import-a-register-list-54db68 = Import a register list
register-list-csv-d91993 = Register list (CSV)
saving-79b37d = Saving…

## src/ui/map_entry_ui.rs
the-scale-is-a-number-other-than-fe0cb0 = the scale is a number other than 0, e.g. 0.1
line-write-a-number-then-the-tex-c1ae6a = { $line }: write a number, =, then the text
now-value-raw-raw-3dc393 = Now: { $value } (raw { $raw })
now-not-read-yet-7de4d8 = Now: not read yet
update-230e94 = Update
add-to-the-map-17c7d8 = Add to the map
scale-528e11 = Scale
value-raw-scale-e-g-0-1-68f3ce = value = raw × scale, e.g. 0.1
signed-712015 = signed
words-74af2a = Words
one-16-bits-6daaff = one (16 bits)
two-32-bits-83dd7f = two (32 bits)
high-word-first-b08365 = high word first
low-word-first-171739 = low word first
states-87947f = States
an-enumeration-one-value-meaning-f1d023 = An enumeration: one value = meaning a line
bits-bc2f99 = Bits
named-bits-of-a-status-word-one-1e92d0 = Named bits of a status word: one bit = name a line (0 the lowest)
role-2b7e39 = Role
what-it-stands-for-the-overview-99b353 = What it stands for: the Overview, the journal and the report find it by its role

## src/ui/map_picker_ui.rs
by-model-map-9494e1 = by model: { $map }
map-a7f051 = Map
by-model-03f8c9 = By model
decode-this-target-with-another-d2fba4 = Decode this target with another map (remembered for it). A modem keeps polling what its model's map asks for.

## src/ui/menu_ui.rs
settings-d0d0b4 = Settings…
connect-serial-fc6659 = Connect serial…
attach-to-broker-c7ab6a = Attach to broker…
see-the-modems-a-cmmctl-serve-mq-4f64b8 = See the modems a cmmctl serve --mqtt publishes on an MQTT broker
commissioning-1f5384 = Commissioning…
load-steps-protection-tests-and-af22d8 = Load steps, protection tests and the report of the selected target
export-csv-c354ed = Export CSV…
save-a-copy-of-the-recording-22b7af = Save a copy of the recording…
one-file-to-hand-over-usb-stick-75d9a4 = One file to hand over (USB stick, mail), also while recording
nothing-is-being-recorded-70b3cf = Nothing is being recorded
open-recording-159d36 = Open recording…
open-a-recording-8205c9 = Open a recording
quit-b3d356 = Quit
demo-dccc56 = Demo
a-recording-is-shown-read-only-n-7be2e1 = A recording is shown read-only: no simulated modems here.
start-simulated-modems-b26ce8 = Start simulated modems
stop-simulated-modems-fc6386 = Stop simulated modems
view-4baa18 = View
traffic-inspector-ba17bb = Traffic inspector
targets-panel-ctrl-636763 = Targets panel (Ctrl+[)
commands-panel-ctrl-bdf09f = Commands panel (Ctrl+])
addresses-in-hex-f4fe97 = Addresses in hex
theme-af7c92 = Theme
follow-the-system-548210 = Follow the system
dark-570065 = Dark
light-d2f8cf = Light
high-contrast-sunlight-5cc992 = High contrast (sunlight)
ui-scale-2a35b5 = UI scale
ctrl-and-ctrl-change-it-too-ctrl-72bf39 = Ctrl + and Ctrl - change it too; Ctrl 0 is 100 %
keys-ctrl-f-filter-up-down-alt-u-b80daf = Keys: Ctrl+F filter, Up/Down (Alt+Up/Down) targets, Ctrl+1/2/3 tabs, Ctrl+[ and Ctrl+] side panels
maps-5f0586 = Maps
load-map-file-00ca51 = Load map file…
help-f1-ef947a = Help (F1)
language-73db9b = Language
as-the-system-language-b91f48 = As the system ({ $language })
translations-other-than-english-963821 = Translations other than English are machine-assisted and not yet reviewed.

## src/ui/overview_ui.rs
engine-61155b = Engine
gen-v-acb19b = Gen V
pf-ffff6b = PF
oil-c308db = Oil
coolant-f7b9ad = Coolant
battery-0ae12e = Battery
since-when-age-2c289f = since { $when } ({ $age })
no-active-alarms-850902 = No active alarms
active-alarms-count-608057 = Active alarms ({ $count })
the-first-of-the-alarms-that-cam-41e880 = The first of the alarms that came on together: what tripped first
name-unverified-7b4c64 = { $name } (unverified)
model-map-map-1bad29 = { $model } · map: { $map }
mode-mode-last-known-ea3dfd = Mode: { $mode } (last known)
mode-mode-c153d9 = Mode: { $mode }
status-status-last-known-3627e7 = Status: { $status } (last known)
status-status-645daf = Status: { $status }
the-readings-below-are-the-last-039a96 = The readings below are the last ones received, shaded.
remote-control-inhibited-by-the-84cac5 = Remote control inhibited by the modem (InhbitRemote)
controller-reports-remote-lock-a0427b = Controller reports Remote Lock
select-a-modem-1bd5a0 = Select a modem
no-data-yet-c9cbfa = No data yet.
the-map-map-names-no-values-by-r-864452 = The map "{ $map }" names no values by role, so there is no overview: the values are in the Values tab.
load-fed-by-source-04e378 = Load fed by { $source }
load-no-data-the-target-is-offli-e20496 = Load: no data (the target is offline)

## src/ui/plot_range_ui.rs
the-clock-is-out-of-range-8a8832 = the clock is out of range
time-does-not-exist-today-4100aa = { $time } does not exist today
time-does-not-exist-yesterday-18f39b = { $time } does not exist yesterday
range-4ac502 = Range…
t-10-15-or-2026-11-24-10-15-5ba5ac = 10:15 or 2026-11-24 10:15
now-b19af7 = now
a-time-of-day-is-today-s-to-left-0e13f5 = A time of day is today's; To left empty is now.
from-reason-464383 = From: { $reason }
to-reason-3e9330 = To: { $reason }
from-must-be-before-to-acaf1f = From must be before To
timeline-count-7b05e0 = Timeline ({ $count })
no-alarm-command-marker-or-link-e6c989 = No alarm, command, marker or link event in view.

## src/ui/plot_ui.rs
follow-live-9a9252 = Follow live
keep-the-newest-window-seconds-i-1f5411 = Keep the newest Window seconds in view, the values fitted
normalise-c6c269 = Normalise
own-scales-84e75e = Own scales
each-value-in-its-own-plot-on-it-d84f9f = Each value in its own plot, on its own y scale
window-8631fd = Window
fit-6f13cc = Fit
fit-the-values-axis-to-what-is-s-d845a6 = Fit the values' axis to what is shown; without Follow live, show all the data (double-click on a plot does the same)
wheel-zoom-time-ctrl-wheel-zoom-91e0d1 = wheel: zoom time · Ctrl+wheel: zoom values · drag: pan
value-normalised-429585 = { $value } (normalised)

## src/ui/record_ui.rs
recording-file-count-kept-15493f = Recording { $file }: { $count } kept
count-lost-1518f8 = { $count } lost
not-recording-97614d = Not recording
for-the-marker-9ba273 = for the marker
mark-5a7bc0 = Mark
put-a-marker-with-this-note-in-t-81a24e = Put a marker with this note in the recording
file-no-readings-in-this-recordi-af22d1 = { $file }: no readings in this recording
recording-read-only-754c88 = Recording (read-only)
moment-in-the-recording-0472dc = Moment in the recording
any-target-bfbd5a = any target
previous-event-4d8480 = Previous event
the-previous-alarm-command-marke-4521b0 = The previous alarm, command, marker or link change
t-1-reading-a1d12f = -1 reading
the-previous-reading-recorded-of-182a13 = The previous reading recorded of { $target }
t-1-reading-afb1b1 = +1 reading
the-next-reading-recorded-of-tar-54a5bf = The next reading recorded of { $target }
next-event-74b7c0 = Next event
the-next-alarm-command-marker-or-60776c = The next alarm, command, marker or link change
moment-b89dbd = Moment
yyyy-mm-dd-hh-mm-ss-f18767 = YYYY-MM-DD hh:mm:ss

## src/ui/registers_ui.rs
alarm-name-kind-0c3ab0 = ALARM { $name } ({ $kind })
entries-marked-unverified-are-no-30eef1 = Entries marked (unverified) are { $note }.
filter-a9c097 = Filter
name-or-address-193e1b = name or address
group-b91e8c = group
map-editor-bea526 = Map editor…
name-scale-and-describe-the-valu-c3fa6d = Name, scale and describe the values the map does not know, and save them as the model's map
not-shown-for-lack-of-room-colum-be681a = Not shown for lack of room: { $columns } (Ctrl+[ and Ctrl+] put the side panels away)
plot-a6f0c2 = Plot
slave-3c0ee0 = Slave
table-0ceb7f = Table
address-0560f3 = Address
raw-89aa91 = Raw
group-74902c = Group
changed-c5203b = Changed
plot-name-3ef32f = plot { $name }
name-not-saved-7e8793 = { $name } (not saved)
not-in-the-map-click-to-name-and-3dbb91 = Not in the map: click to name and describe it
time-stale-ce7ced = { $time } (stale?)
time-stale-a0814c = { $time } (stale)
coil-4d0932 = coil
input-bit-391bac = input bit
holding-reg-11141a = holding reg
input-reg-84ea19 = input reg

## src/ui/serial_ui.rs
connect-serial-d0181f = Connect serial
port-c53cc6 = Port
detected-ports-59f6bb = Detected ports
refresh-15aad4 = Refresh
port-path-3edc31 = Port path
a-serial-port-or-a-controller-on-35267f = A serial port, or a controller on the network: tcp://HOST:502 (Modbus TCP, a controller or a gateway) or rtu-over-tcp://HOST:PORT (a transparent gateway). The slave id is then its unit id.
baud-ad5bad = Baud
slave-id-30303d = Slave id
parity-stop-bits-db59e8 = Parity, stop bits
even-dc8c31 = even
odd-409d5e = odd
controller-5e8ea1 = Controller
model-8b665a = model
none-no-map-raw-values-80699f = none (no map: raw values)
no-serial-port-detected-plug-the-1e8616 = No serial port detected: plug the adapter in and press Refresh, or type the path.
slave-slave-is-already-polled-on-b23ccc = Slave { $slave } is already polled on this line.
this-line-is-open-at-open-a-slav-a2cf27 = This line is open at { $open }: a slave on it uses the same settings, not { $asked }.
connect-89a899 = Connect
stop-scan-be1666 = Stop scan
scan-148508 = Scan
try-2400-to-19200-baud-and-slave-f21ada = Try 2400 to 19200 baud and slave ids 1 to 32
the-port-is-in-use-by-the-slaves-a5f4d8 = The port is in use by the slaves polled on it: disconnect them to scan it
this-line-is-open-with-slave-sla-795f28 = This line is open, with slave { $slaves }: Connect adds slave { $slave } to it, polled in turn, at the line's baud rate, parity and stop bits.
opening-the-port-0393a9 = Opening the port…
scanning-done-of-total-63638b = scanning: { $done } of { $total }
scan-stopped-nothing-found-so-fa-171f97 = Scan stopped: nothing found so far.
scan-done-nothing-answered-check-3a288b = Scan done: nothing answered. Check the wiring (A/B), the controller's communication settings, and the adapter's termination.
found-unit-slave-use-it-e47955 = Found: unit { $slave } (use it)
found-slave-slave-at-baud-baud-u-85c671 = Found: slave { $slave } at { $baud } baud (use it)
add-all-count-each-with-the-mode-b7e43a = Add all { $count } (each with the model chosen)

## src/ui/settings_ui.rs
listen-address-address-is-not-ip-dc860b = listen address { $address } is not IP:PORT (e.g. 0.0.0.0:21318)
advertised-address-address-is-no-f77370 = advertised address { $address } is not HOST:PORT (e.g. 192.168.1.20:21318)
settings-058728 = Settings
listen-on-756a0b = Listen on
tell-modems-to-use-b62c85 = Tell modems to use
automatic-this-laptop-s-address-af7fc4 = automatic: this laptop's address
applying-restarts-the-modem-serv-19fce3 = Applying restarts the modem server: connected modems reconnect by themselves.
apply-77bbdb = Apply

## src/ui/status_ui.rs
dismiss-5915f3 = Dismiss
modem-server-address-93f9fa = Modem server address:
click-to-copy-c680c9 = Click to copy
showing-a-recording-no-modem-ser-e2b142 = Showing a recording: no modem server
server-not-running-428790 = server not running
count-online-655d49 = { $count } online
readings-logins-outcomes-and-err-194675 = Readings, logins, outcomes and errors are never skipped; traffic-inspector lines and heartbeats are, when events arrive faster than they are shown.

## src/ui/targets_ui.rs
via-broker-75c868 = via broker
offline-819448 = OFFLINE
link-down-af4787 = LINK DOWN
polling-f7ce50 = polling
online-73308a = online
heartbeat-late-6823d1 = heartbeat late
silent-f23804 = silent
never-c95089 = never
seconds-s-ago-5befa0 = { $seconds } s ago
minutes-min-ago-bd3849 = { $minutes } min ago
hours-h-ago-c065df = { $hours } h ago
slave-slave-865117 = slave { $slave }
disconnect-84790b = Disconnect
seen-ago-a2a3ab = seen { $ago }
heartbeat-ago-6f2a7c = heartbeat { $ago }
down-reason-6cbe03 = down: { $reason }
a-controller-on-this-laptop-s-rs-13b83a = A controller on this laptop's RS485/USB adapter, or on the network (Modbus TCP)
a-recording-is-shown-read-only-7ac161 = A recording is shown read-only
no-target-in-this-recording-dd7e41 = No target in this recording.
no-modem-yet-point-a-modem-s-ser-ae6a12 = No modem yet. Point a modem's server address at the address below, connect a controller by serial, or start the demo.
requests-requests-responses-repl-635120 = { $requests } requests, { $responses } replies, { $timeouts } timeouts, { $crc } bad CRC, { $exceptions } exceptions; reply { $avg } ms on average, { $worst } ms at worst
this-slave-b5db6a = This slave
the-whole-line-d1ec47 = The whole line

## src/ui/traffic_ui.rs
the-selected-one-4d2545 = the selected one
target-67f168 = Target
out-1a365f = out
copy-8f3664 = Copy
crc-ok-4405f5 = CRC ok
crc-bad-88e1be = CRC BAD
method-a2c750 = Method
pause-f9bf2d = Pause
select-a-message-352cd1 = Select a message.

## src/ui/view.rs
a-recording-is-read-only-nothing-822989 = A recording is read-only: nothing can be sent from it.
cmm-commissioner-stopped-unexpec-4b48a0 = CMM Commissioner stopped unexpectedly last time
what-happened-is-in-the-crash-re-b1a25b = What happened is in the crash report:
start-with-the-default-view-noth-6984b1 = Start with the default view (nothing plotted, no window open, panels at their default sizes) if the same view brought it down.
start-with-the-default-view-eab6f0 = Start with the default view
keep-my-view-f56a17 = Keep my view
overview-494fba = Overview
journal-db7f18 = Journal

## src/ui/write_source.rs
register-addr-2bf7e1 = register { $addr }
not-sent-reason-783e00 = Not sent: { $reason }

## Written by hand: texts with ids of their own (plural forms)

modems-online = { $n ->
    [one] { $n } modem online
   *[other] { $n } modems online
}

commission-visit-differences = "{ $from }" → "{ $to }": { $n ->
    [one] { $n } setting or state differs
   *[other] { $n } settings or states differ
}
fleet-counts = { $n ->
    [one] { $n } target
   *[other] { $n } targets
} · { $online } online · { $alarmed } with alarms · { $shown } shown
journal-events = { $n ->
    [one] { $n } event
   *[other] { $n } events
}
journal-events-shown = { $shown } of { $n ->
    [one] { $n } event
   *[other] { $n } events
}

traffic-messages-kept = { $n ->
    [one] { $n } message kept
   *[other] { $n } messages kept
}


broker-connected-modems = { $n ->
    [one] broker { $broker }: connected, { $n } modem(s)
   *[other] broker { $broker }: connected, { $n } modem(s)
}
targets-timeouts-crc = { $timeouts ->
    [one] { $timeouts } timeouts, { $crc } CRC
   *[other] { $timeouts } timeouts, { $crc } CRC
}
status-skipped-under-load = { $n ->
    [one] { $n } traffic lines/heartbeats skipped under load
   *[other] { $n } traffic lines/heartbeats skipped under load
}
status-uploads-lost = { $n ->
    [one] { $hostid }: { $n } change upload(s) lost (packetnum gap): values not refreshed since may be out of date until the next full upload
   *[other] { $hostid }: { $n } change upload(s) lost (packetnum gap): values not refreshed since may be out of date until the next full upload
}
offline-unreadable-and-more = { $n ->
    [one] part of this moment cannot be read: { $what } (and { $n } more)
   *[other] part of this moment cannot be read: { $what } (and { $n } more)
}

report-missing-characters = { $n ->
    [one] { $n } character could not be printed (no font on this computer has it; they show as empty boxes): { $list }
   *[other] { $n } characters could not be printed (no font on this computer has them; they show as empty boxes): { $list }
}
report-limits-all-within = { $steps ->
    [one] Limits: every judged value of the { $steps } load step was within its limits (FAIL: 0).
   *[other] Limits: every judged value of the { $steps } load steps was within its limits (FAIL: 0).
}
report-limits-failed = { $n ->
    [one] Limits: FAIL: { $n } value outside its limits, in { $failed } of { $steps } load steps ({ $list }).
   *[other] Limits: FAIL: { $n } values outside their limits, in { $failed } of { $steps } load steps ({ $list }).
}
report-measured-values-differ = { $n ->
    [one] { $n } measured value differ too, as they move by themselves (`cmmctl snapshot-diff --all` lists them).
   *[other] { $n } measured values differ too, as they move by themselves (`cmmctl snapshot-diff --all` lists them).
}
read-only = read-only
demo-modems-started = { $n ->
    [one] demo: { $n } simulated modem(s) started
   *[other] demo: { $n } simulated modem(s) started
}
export-rows-written = { $n ->
    [one] exported { $n } row to { $path }
   *[other] exported { $n } rows to { $path }
}
modems-known-earlier = { $n ->
    [one] { $n } modem(s) known from earlier recordings
   *[other] { $n } modem(s) known from earlier recordings
}
