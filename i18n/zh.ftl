# zh
# Machine-assisted translation: not yet reviewed by a native speaker.
## src/app/command_effect.rs
closed-ee50c5 = 合闸
open-5ec4c9 = 分闸
on-342fd0 = 开
off-3a8a0a = 关
name-still-closed-8c59ec = { $name } 仍为合闸
name-still-open-c4e45c = { $name } 仍为分闸
name-still-on-24b045 = { $name } 仍为开
name-still-off-d51a61 = { $name } 仍为关
mains-breaker-c15c51 = 市电断路器
generator-breaker-7c34ee = 发电机断路器
interlock-the-other-is-closed-cl-f55bb6 = 联锁：{ $other } 已合闸。若再合上 { $own }，会将市电与发电机连在一起：控制器的联锁应拒绝此操作，随后读数将显示 { $own } 仍为分闸。

## src/app/entry.rs
field-give-an-address-0-65535-7a7ac1 = { $field }: 请输入地址 (0-65535)
field-text-is-not-a-hex-number-4abba8 = { $field }: { $text } 不是十六进制数
field-text-is-not-a-number-9ea213 = { $field }: { $text } 不是数字
field-address-address-is-out-of-a663d3 = { $field }: 地址 { $address } 超出范围 (0-65535)
field-give-a-value-ef1644 = { $field }: 请输入数值
field-give-at-least-one-value-875d9b = { $field }: 请至少输入一个数值

## src/app/offline.rs
the-stale-marks-error-7de587 = 过期标记: { $error }
the-values-of-target-error-f1e800 = { $target } 的数值: { $error }
the-link-state-of-target-error-e88f21 = { $target } 的链路状态: { $error }
the-stale-marks-of-target-error-559137 = { $target } 的过期标记: { $error }
offline-at-this-moment-51c69d = 此时刻离线
part-of-this-moment-cannot-be-re-ec8247 = 此时刻的部分数据无法读取: { $what }

## src/app/status.rs
listening-on-addr-modems-use-adv-45d99e = 正在监听 { $addr }；通讯模块使用 { $advertise }
login-hostid-hostname-model-from-5c8b0b = 登录 { $hostid } "{ $hostname }" { $model }，来自 { $peer }
login-refused-hostid-from-peer-r-348921 = 拒绝登录 { $hostid }，来自 { $peer }: { $reason }
online-hostid-from-peer-replaced-ee139a = { $hostid } 上线，来自 { $peer }（已替换旧连接）
online-hostid-from-peer-befba3 = { $hostid } 上线，来自 { $peer }
offline-hostid-reason-62f977 = { $hostid } 离线: { $reason }
sent-uid-to-hostid-command-4da4c3 = 已向 { $hostid } 发送 #{ $uid }: { $command }
uid-hostid-outcome-detail-26ad05 = #{ $uid } { $hostid }: { $outcome } ({ $detail })
protocol-error-from-from-error-b20767 = 来自 { $from } 的协议错误: { $error }
error-message-16f61c = 错误: { $message }
serial-target-open-settings-c9eae8 = 串口 { $target } 已打开 ({ $settings })
target-down-reason-a40a38 = { $target } 中断: { $reason }
serial-target-lost-reason-e263cc = 串口 { $target } 丢失: { $reason }
target-hostname-model-up-through-5f9f1d = { $target } "{ $hostname }" { $model } 已经由 { $broker } 上线
target-hostname-model-up-through-a789cc = { $target } "{ $hostname }" { $model } 已经由 { $broker } 上线（其桥接不接受命令）
broker-broker-connected-1827f0 = 代理 { $broker } 已连接
broker-broker-disconnected-reaso-62dee3 = 代理 { $broker } 已断开: { $reason }；正在重试
target-detached-25e096 = { $target } 已断开
scan-slave-slave-answers-at-baud-63330e = 扫描: 从站 { $slave } 在 { $port } 上以 { $baud } 波特率应答
scan-error-4bbce0 = 扫描: { $error }
serial-target-closed-dc9b4e = 串口 { $target } 已关闭
disconnected-2ab1aa = 已断开
timeout-f68388 = 超时
shutdown-206a4b = 已关闭
accepted-c03140 = 已接受
rejected-7f6847 = 已拒绝
gone-62aaae = 已离线

## src/report/embed.rs
page-page-of-pages-8f0bf4 = 第 { $page } 页，共 { $pages } 页

## src/report/limits.rs
nominal-voltage-line-to-neutral-c275eb = 额定电压（相对中性线）
nominal-frequency-b7bc35 = 额定频率
voltage-band-of-nominal-bddf23 = 电压带宽，额定值的 ± %
frequency-band-of-nominal-c9bd57 = 频率带宽，额定值的 ± %
minimum-power-factor-under-load-d35b02 = 最低功率因数（带载）
maximum-coolant-temperature-569b25 = 最高冷却液温度
minimum-oil-pressure-5f1af6 = 最低机油压力
judged-from-after-the-step-s-sta-e5dfdb = 判定起点（步骤开始后）
the-default-voltage-and-frequenc-3c1553 = 默认的电压与频率带宽取自 ISO 8528-5 性能等级 G2 的稳态带宽（稳态电压偏差 ±2.5 %；稳态频率带 1.5 %，取为额定值 ±0.75 %）；判定从每个步骤开始后 10 s 起，已超过 G2 的恢复时间。这些只是调试检查的默认值，并非按该标准进行的试验：不声称符合 ISO 8528-5。
pass-965098 = 通过
fail-438d2d = 不通过
no-nominal-enter-it-8e25d7 = 无额定值：请输入
nominal-unit-band-low-to-high-65e0e3 = { $nominal } { $unit } ±{ $band } %: { $low } 至 { $high }
no-readings-bd535b = 无读数
limit-no-readings-after-the-sett-3695cd = { $limit } (稳定时间后无读数)
at-least-min-under-load-no-load-b28e55 = 带载时不低于 { $min }；未带载
at-least-min-b87177 = 不低于 { $min }
at-most-max-c-214184 = 不高于 { $max } °C
at-least-min-kpa-27c42d = 不低于 { $min } kPa
the-map-gives-unit-not-judged-01fe14 = 寄存器表给出的单位为 { $unit }: 不判定

## src/report/mod.rs
cannot-write-path-reason-06d190 = 无法写入 { $path }: { $reason }
seconds-s-0f06fd = { $seconds } s
minutes-min-seconds-s-a9d8c8 = { $minutes } min { $seconds } s
hours-h-minutes-min-614353 = { $hours } h { $minutes } min
generator-set-commissioning-repo-a3e821 = 发电机组调试报告
made-made-from-the-recording-fil-9677fc = 于 { $made } 根据记录 { $file } 生成（读数时间 { $from } 至 { $to }）；时间为本机本地时间，并注明与 UTC 的时差。
read-from-the-controller-and-the-403394 = 从控制器与通讯模块读取
counters-ee5e10 = 计数器
counter-0f33c3 = 计数器
start-of-the-recording-67b608 = 记录开始
read-at-ebe0ca = 读取时间
end-of-the-recording-491517 = 记录结束
difference-a75162 = 差值
commands-sent-audit-trail-8ec281 = 已发送命令（审计记录）
no-command-was-sent-f160ae = 未发送任何命令。
no-outcome-recorded-c01c2a = 未记录结果
confirmed-a0440e = 已确认
not-confirmed-43508f = 未确认
sent-8dfb9f = 发送时间
command-7c8f52 = 命令
outcome-dfaed3 = 结果
readings-f6b638 = 读数
markers-and-notes-2925b4 = 标记与备注
none-e3244f = 无。
time-e4e404 = 时间
note-40c15d = 备注
deviations-c58785 = 偏差
none-recorded-edc1bd = 无记录。
signatures-f3a55a = 签字
commissioning-engineer-ffaadd = 调试工程师
witness-fa5bcc = 见证人
customer-f3c039 = 客户
job-job-15ebb7 = 工单 { $job }
settings-read-from-the-controlle-2dc3d9 = 从控制器面板读取的设置
changed-29e89b = 已更改
setting-9f754b = 设置项
as-found-bc42a9 = 调试前
as-left-9532fe = 调试后
changed-during-the-visit-004144 = 现场期间的更改
from-the-snapshot-first-first-ti-ceabed = 从快照 "{ $first }" ({ $first_time }) 到 "{ $last }" ({ $last_time })。
no-setting-or-state-differs-ada46b = 没有设置或状态发生变化。
value-47f96a = 值
where-dad0f8 = 位置
summary-a44713 = 汇总
warning-2112ef = 警告
trip-9433ea = 跳闸
block-0cbd62 = 闭锁
alarms-from-the-journal-90508e = 报警（来自日志）
no-alarm-came-on-while-recorded-309ba3 = 记录期间未出现报警。
each-alarm-as-it-came-on-with-th-f894d1 = 按出现顺序列出每条报警及当时的读数。多条报警同时出现（5 s 内）时，第一条标为首发：即最先跳闸的报警。
after-first-3e7db1 = 在 { $first } 之后
on-at-ddcc15 = 出现时间
alarm-21c77a = 报警
first-out-3d96c8 = 首发
speed-6b8020 = 转速
frequency-9206a1 = 频率
power-49a5e6 = 功率
alarm-at-time-with-f20cd4 = { $alarm } 于 { $time }{ $with }
the-trip-is-at-the-middle-of-the-41b2ef = 跳闸时刻位于曲线图中央。
and-more-more-cmmctl-journal-fil-941336 = {"."}.. 另有 { $more } 条：`cmmctl journal { $file } --kind alarm_on` 可列出全部。
protection-tests-c9973f = 保护试验
passed-of-tests-tests-passed-a-t-df4560 = { $tests } 项试验中 { $passed } 项通过。记录中出现相应报警时，试验自动勾选；停机时间计至发动机转速（或频率）读数为 0。
pass-recorded-76abbf = 通过（已记录）
stop-not-seen-dc5ef7 = 未见停机
pass-by-hand-76a065 = 通过（手动）
not-tested-eceb87 = 未试验
test-fcbe05 = 试验
result-4af044 = 结果
time-to-stop-b4d027 = 停机时间

## src/report/model.rs
site-38a36e = 现场
customer-s-representative-f1b360 = 客户代表
job-number-71ca45 = 工单号
engineer-6dbd38 = 工程师
genset-make-c126a3 = 机组品牌
genset-model-ae17be = 机组型号
genset-serial-number-d4de26 = 机组序列号
genset-rating-kva-kw-v-hz-44f8ca = 机组额定值 (kVA / kW, V, Hz)
engine-make-24657b = 发动机品牌
engine-model-358356 = 发动机型号
engine-serial-number-3334ce = 发动机序列号
engine-rating-kw-rpm-dc4912 = 发动机额定值 (kW, rpm)
alternator-make-df7e5f = 发电机品牌
alternator-model-117aaa = 发电机型号
alternator-serial-number-df208a = 发电机序列号
alternator-rating-kva-v-hz-31843b = 发电机额定值 (kVA, V, Hz)
controller-serial-number-5c7210 = 控制器序列号
ambient-temperature-c-3883d3 = 环境温度 (°C)
altitude-m-9da555 = 海拔 (m)
load-bank-make-and-model-d03bb9 = 负载箱品牌与型号
load-bank-rating-kw-kvar-b1ed68 = 负载箱额定值 (kW / kvar)
load-bank-type-resistive-reactiv-ac66d5 = 负载箱类型（阻性、感性）
site-and-people-cb9dca = 现场与人员
nameplates-048767 = 铭牌
conditions-and-load-bank-4983b8 = 环境条件与负载箱
voltage-l1-n-6bd343 = 电压 L1-N
voltage-l2-n-4387de = 电压 L2-N
voltage-l3-n-c413b5 = 电压 L3-N
voltage-l1-l2-c27141 = 电压 L1-L2
voltage-l2-l3-49a6d1 = 电压 L2-L3
voltage-l3-l1-a65b1a = 电压 L3-L1
current-l1-1e53d5 = 电流 L1
current-l2-1e4f1c = 电流 L2
current-l3-1e50af = 电流 L3
active-power-5b2ade = 有功功率
apparent-power-62f03d = 视在功率
power-factor-ac3795 = 功率因数
engine-speed-80ac1c = 发动机转速
oil-pressure-39d846 = 机油压力
coolant-temperature-d39a53 = 冷却液温度
battery-voltage-078268 = 蓄电池电压
run-hours-d9a79d = 运行小时
starts-463de4 = 启动次数
energy-278db5 = 电能
no-site-no-steps-no-tests-make-i-956e1a = 无现场信息、无步骤、无试验：仍要生成吗？
the-recording-has-no-target-targ-874edc = 记录中没有目标 { $target }
the-recording-holds-no-target-to-0f6761 = 记录中没有可生成报告的目标
the-recording-holds-several-targ-c08ea5 = 记录中有多个目标；请用 --target 指定一个 ({ $targets })

## src/report/pdf.rs
name-name-e401e9 = 姓名: { $name }
signature-f33595 = 签字：
date-cb7279 = 日期：

## src/report/plot.rs
no-data-bba6ae = 无数据

## src/report/readings.rs
controller-model-6bc710 = 控制器型号
software-version-e293fc = 软件版本
hardware-version-1589b5 = 硬件版本
software-date-bc77e4 = 软件日期
register-map-0c3ff6 = 寄存器表
modem-through-broker-fdec15 = 经代理连接的通讯模块
hostid-broker-broker-4114e3 = { $hostid } (代理 { $broker })
modem-hostid-721074 = 通讯模块 hostid
serial-target-096c9e = 串口目标
modem-name-e68714 = 通讯模块名称
reported-model-b7676b = 上报型号

## src/report/steps.rs
the-engine-stopping-54403a = 发动机停机
ended-by-reason-at-time-2b2a50 = ，{ $time } 因 { $reason } 结束
not-ended-1bb179 = {" "}(未结束)
short-under-half-the-planned-tim-e290f1 = ；过短：不足计划时间的一半
limits-no-load-step-was-recorded-67ccb6 = 限值：未记录负载步骤，未作判定。
limits-the-steps-are-judged-agai-3b35b3 = 步骤判定所依据的限值
not-entered-and-not-recognised-i-04b743 = 未输入，且无法从读数中识别
entered-5d3c54 = 已输入
the-controller-s-own-setting-3ce672 = 控制器自身的设定
assumed-the-standard-value-neare-1ffea9 = 推定：最接近读数的标准值（请输入以确认）
default-3b5bde = 默认
limit-964ad4 = 限值
from-743595 = 来源
no-limits-were-entered-in-this-r-362aeb = 此记录中未输入限值：采用默认值。
limit-text-is-not-a-number-the-d-6a9c43 = { $limit }: "{ $text }" 不是数字；采用默认值。
load-steps-0682ee = 负载步骤
the-figures-rest-on-readings-eve-98ad85 = 数据基于每 { $interval } 一次的读数：短于该间隔的跌落或尖峰无法看到。
no-load-step-was-recorded-e9d69b = 未记录负载步骤。
fail-values-e3156d = 不通过: { $values }
not-run-e97577 = 未运行
step-71f92f = 步骤
started-b5823e = 开始时间
lasted-planned-cbc8ab = 实际 / 计划时长
mean-kw-cc7b06 = 平均 kW
mean-hz-155012 = 平均 Hz
alarms-2c532b = 报警
limits-9784e5 = 限值
step-step-from-to-to-status-c708cf = 步骤 "{ $step }": { $from } 至 { $to }{ $status }
low-to-high-b5fa56 = { $low } 至 { $high }
unit-e16627 = 单位
minimum-238a97 = 最小值
mean-bdc074 = 平均值
maximum-955e21 = 最大值
judged-8aea60 = 判定
judged-the-lowest-and-highest-re-b52104 = 判定：取步骤开始后 { $settle } 起至步骤结束的最低与最高读数。
no-alarm-during-the-step-6efaa3 = 步骤期间无报警。
alarm-at-time-alarm-780aef = { $time } 报警: { $alarm }

## src/report/steps_csv.rs
step-441a0f = 步骤
start-2b04df = 开始
end-8e75aa = 结束
duration-s-6576ff = 时长_s
planned-s-64d947 = 计划_s
value-5ed3ca = 值
unit-b51a07 = 单位
min-8f4557 = 最小
mean-de2954 = 平均
max-a2e319 = 最大
alarms-658e0b = 报警
judged-min-b42b1f = 判定_最小
judged-max-a0b971 = 判定_最大
limit-dad934 = 限值
result-377624 = 结果

## src/store/export.rs
time-3c9be4 = 时间
target-608848 = 目标
name-39bde6 = 名称
raw-ff12f1 = 原始值

## src/ui/broker_ui.rs
give-the-broker-s-address-e-g-mq-d32e02 = 请输入代理地址，例如 mqtts://broker.example.com:8883
topic-prefix-prefix-give-a-topic-58d9fe = 主题前缀 { $prefix }: 请输入不含 + 或 # 的单级主题（默认为 cmm）
a-ca-file-is-for-mqtts-only-65f72c = CA 文件仅用于 mqtts://
broker-broker-connecting-91a847 = 代理 { $broker }: 正在连接
broker-broker-not-connected-reas-7b77f5 = 代理 { $broker }: 未连接 ({ $reason })；正在重试
attach-to-broker-68312a = 接入代理
the-modems-a-cmmctl-serve-mqtt-p-cf6a0c = 由 cmmctl serve --mqtt 发布到此代理的通讯模块将显示为目标 mqtt:HOSTID，视图相同。发送命令需要以 --mqtt-commands 运行的桥接，并通过 mqtts:// 使用凭据连接。
broker-c941d4 = 代理服务器
user-a63e12 = 用户名
none-a7afdb = 无
password-c30838 = 密码
kept-for-this-run-only-never-sav-f78834 = 仅本次运行有效，不会保存
ca-file-167965 = CA 文件
mqtts-the-system-s-certificates-ee613c = mqtts://: 使用系统证书
topic-prefix-5bb6e8 = 主题前缀
attach-again-f9fcb0 = 重新接入
attach-a92e64 = 接入
detach-5c52d2 = 断开
close-86acc3 = 关闭

## src/ui/commission_ui.rs
commissioning-43e3d8 = 调试
select-a-modem-or-a-serial-targe-857411 = 请先在列表中选择通讯模块或串口目标。
nothing-is-being-recorded-a-comm-4253f5 = 当前未在记录：调试信息保存在记录中。请不带 --no-record 启动程序。
recording-shown-read-only-entrie-249bb7 = （记录以只读方式显示：条目不可更改）
not-in-the-recording-yet-reason-95d001 = 尚未写入记录: { $reason }
reading-the-recording-b050e5 = 正在读取记录…
site-people-nameplates-and-load-287768 = 现场、人员、铭牌与负载箱
what-differs-from-the-specificat-e7ff12 = 与规范不符之处，以及待办事项
save-to-the-recording-da3ee1 = 保存到记录
count-not-saved-yet-69646e = { $count } 项尚未保存
equipment-and-counters-3cff03 = 设备与计数器
read-from-the-recording-once-it-3ea972 = 记录中有读数后从中读取
start-at-the-start-of-the-record-5214ee = 记录开始时 ({ $start_time }) 为 { $start }，{ $end_time } 时为 { $end }
running-step-for-duration-7d8d87 = 运行中: { $step }，时长 { $duration }
duration-left-49ac53 = (剩余 { $duration })
planned-time-reached-08bcf1 = （已达计划时间）
end-the-step-8e9f4d = 结束步骤
no-step-running-b00c93 = 无运行中的步骤
minutes-d9968e = 分钟
recorded-ec27dd = 已记录
mean-kw-kw-6f1096 = 平均 { $kw } kW
running-6647fd = （运行中）
start-step-517c97 = 开始步骤
start-this-step-now-ends-the-run-6da5ba = 立即开始此步骤（结束正在运行的步骤）
remove-a5901d = 移除
remove-from-the-plan-5c1493 = 从计划中移除
add-a-step-1aa42f = 添加步骤
step-number-869d6c = 步骤 { $number }
default-steps-5afb31 = 默认步骤
within-limits-d968fa = 在限值内
fail-limits-b7b7a7 = 不通过: { $limits }
done-of-total-passed-a-test-tick-e650e1 = { $total } 项中 { $done } 项通过。记录中出现相应报警时，试验自动勾选。
stopped-after-duration-64501e = { $duration } 后停机
passed-recorded-time-stop-09167c = 通过，记录于 { $time }，{ $stop }
passed-by-hand-time-206ee8 = 手动通过 { $time }
passed-by-hand-time-note-4555a0 = 手动通过 { $time }: { $note }
undo-fd4acf = 撤销
how-it-was-tested-83a17c = 试验方式
passed-4b3fb9 = 通过
tick-by-hand-with-the-note-4d091f = 手动勾选，并附备注
another-test-e-g-load-rejection-739b24 = 其他试验（如甩负荷）
snapshot-370fad = 快照
read-every-block-the-map-names-a-3b07ab = 读取寄存器表列出的所有块（及附加范围）并保存数值，标记为 "{ $label }"，以便比较
keep-every-value-the-target-repo-358afa = 保存目标当前上报的所有数值，标记为 "{ $label }"，以便比较
also-read-9f054e = 另外读取
ranges-the-map-does-not-name-rea-6f3c1c = 寄存器表未列出的范围：读功能码、起始地址、数量
as-found-eaea89 = 调试前
as-left-390c5e = 调试后
save-the-commissioning-report-291806 = 保存调试报告
report-file-c4c4f7 = 报告文件
ask-where-save-dialog-5899cb = 询问位置（保存对话框）
in-387a9e = 语言
the-report-s-language-whatever-t-4a20c7 = 报告语言，与窗口语言无关
make-the-report-278bae = 生成报告
pdf-with-the-load-steps-as-csv-b-937c54 = PDF，另附负载步骤的 CSV 文件
nothing-entered-for-this-target-bac889 = 此目标尚未输入任何内容: { $warning }
make-it-anyway-5fb179 = 仍然生成
cancel-afca3b = 取消

## src/ui/config_ui.rs
configuration-5ee459 = 配置
not-read-3b3876 = 未读取
now-value-9868e0 = 当前 { $value }
min-to-max-unit-b9b610 = { $min } 至 { $max } { $unit }
allowed-range-426798 = 允许: { $range }
set-name-76c592 = 设置 { $name }…

## src/ui/diagram_ui.rs
mains-and-generator-in-parallel-a968d8 = 市电与发电机（并联）
mains-1487a1 = 市电
generator-ec35c2 = 发电机
not-known-no-breaker-state-read-15d904 = 未知（未读取断路器状态）
nothing-the-load-is-dead-cff02b = 无：负载失电
single-line-diagram-mains-mains-a68b0c = 单线图：市电 { $mains }，市电断路器 { $mains_breaker }，发电机断路器 { $gen_breaker }，发电机 { $generator }；负载由 { $fed_by } 供电
live-f017af = 带电
dead-df2b27 = 失电
single-line-diagram-no-data-the-1ccaac = 单线图：无数据（目标离线）
mains-0f0a41 = 市电
generator-798b62 = 发电机
gen-breaker-2f5835 = 发电机断路器
load-afa209 = 负载
## src/ui/editor_ui.rs
remote-control-blocked-reason-53984a = 远程控制被禁止: { $reason }
override-i-am-at-the-set-and-it-826a69 = 强制执行: 我在机组现场，确认安全
no-remote-commands-known-for-thi-ed9a83 = 此型号没有已知的远程命令。
register-39c9e0 = 寄存器
addr-d75f72 = 地址
write-f809b8 = 写入…
coil-795552 = 线圈
on-cc760c = 开…
off-3362ea = 关…
registers-f85269 = 寄存器
from-cd8075 = 起始
v1-v2-or-v1-v2-dae2d5 = v1, v2 或 v1; v2
each-value-in-its-register-s-uni-0bd7d7 = 每个值使用其寄存器的单位；值之间用 ';' 分隔时，25,5 即 25.5
modem-port-now-494dd6 = 通讯模块当前端口:
its-login-did-not-say-choose-bot-d535a8 = (登录信息未说明: 请两项都选)
set-to-c2cd88 = 设为
at-251588 = 速率
choose-30653c = 选择…
baud-cdc48d = 波特
choose-the-port-and-the-baud-fir-e02866 = 请先选择端口和波特率
this-is-the-modem-s-setting-alre-d88c38 = 通讯模块已是此设置
set-port-and-baud-36a853 = 设置端口和波特率…
reset-modem-8aadba = 重启通讯模块…
sent-waiting-0364be = 已发送，等待中…
confirmed-by-the-readings-6e9ded = 读数已确认
not-seen-in-the-readings-hint-c30dfd = 读数中未见: { $hint }
not-confirmed-unmet-after-secs-s-cb1d29 = 未确认: { $secs } s 后仍未满足 { $unmet }
not-seen-in-the-readings-within-42c1be = { $secs } s 内读数中未见
checking-the-readings-b4dea9 = 正在检查读数…
write-log-023b06 = 写入日志
port-at-baud-7899f1 = { $port }, { $baud }
unknown-port-d2b304 = 未知端口
unknown-baud-29aebf = 未知波特率
set-the-modem-s-own-serial-port-dcc8d2 = 设置通讯模块自身的串口: { $from } -> { $to } (modulePort { $port }, moduleBaud { $baud })
reset-the-modem-it-drops-the-con-c2a3a2 = 重启通讯模块: 连接将断开，随后模块重新登录
not-sent-reason-c43b1c = 未发送。{ $reason }
send-to-the-controller-952e2a = 发送到控制器?
send-to-the-modem-f188a6 = 发送到通讯模块?
target-name-hostid-979402 = 目标: { $name } { $hostid }
slave-slave-f354b7 = 从站 { $slave }
frame-frame-4cff51 = 报文: { $frame }
updated-keys-typed-before-the-cl-1bebe8 = 已更新: 点击前输入的按键在点击后才到达 (输入法)。
send-8e14cf = 发送
commands-1550f3 = 命令
select-a-modem-d12e8a = 请选择一个通讯模块。
seen-through-the-broker-broker-i-db85b2 = 经 MQTT 代理 { $broker } 获取。其桥接不接受命令 (cmmctl serve 运行时未带 --mqtt-commands): 只读。
through-the-broker-broker-each-c-f291a4 = 经 MQTT 代理 { $broker }: 每条命令发往其桥接，由桥接再次检查。
no-register-writes-reason-991d1f = 不能写寄存器: { $reason }。

## src/ui/file_dialog.rs
no-map-file-chosen-if-no-file-di-f9fd94 = 未选择映射表文件；如果没有出现文件对话框，说明本系统不支持 (无桌面门户): 请改在 映射表 > 加载映射表文件 中输入文件路径
no-file-chosen-for-the-export-42c8cc = 未选择导出文件
no-file-chosen-for-the-report-910764 = 未选择报告文件

## src/ui/fleet_ui.rs
name-e07306 = 名称
modem-port-b6fba3 = 通讯模块 / 端口
model-85e8fa = 型号
link-08e589 = 链路
mode-4e7732 = 模式
status-5ef20f = 状态
last-seen-877718 = 最后在线
offline-8b9928 = 离线
alarm-ebecda = 报警
no-login-yet-54b22a = (尚未登录)
fleet-name-9f7576 = 机组群 { $name }
sort-by-column-8c9f06 = 按 { $column } 排序
fleet-5615cf = 机组群
fleet-filter-89c0ef = 机组群筛选
name-id-model-mode-alarm-offline-fb08c3 = 名称、ID、型号、模式、报警、离线

## src/ui/fonts.rs
no-font-on-this-computer-draws-c-c628b0 = 本机没有字体能显示其中 { $count } 个字符 ({ $list }): 此处显示为方框。文字按输入原样保存。

## src/ui/hand_settings_ui.rs
setpoints-modbus-cannot-read-typ-9186e2 = Modbus 无法读取的设定值: 请从控制器面板录入到场时和离场时的值，然后点“保存”。
range-11e772 = 范围
another-setting-7828a8 = 其他设定
its-name-on-the-panel-87ccd8 = 面板上的名称
add-c3aa14 = 添加
keep-count-edited-ff32e7 = 保存 (已编辑 { $count } 项)

## src/ui/handover_ui.rs
export-csv-58f993 = 导出 CSV
the-start-or-yyyy-mm-dd-hh-mm-ss-c617b4 = 开始 (或 YYYY-MM-DD hh:mm:ss)
to-f59644 = 至
the-end-b88649 = 结束
file-183663 = 文件
values-4d225b = 数值
the-plotted-ones-934e69 = 已绘制的
all-254bc4 = 全部
layout-88421f = 格式
wide-a-column-per-value-23379a = 宽表 (每个值一列)
long-a-row-per-change-816762 = 长表 (每次变化一行)
times-53a755 = 时间
utc-else-local-time-with-its-off-a5fc28 = UTC (否则为本地时间及时差)
for-7e1b30 = 用于
a-spreadsheet-excel-873f68 = 电子表格 (Excel)
opens-right-by-double-click-c-an-6fbb3f = 双击即可正确打开: °C、Ω 和非拉丁字母名称，字段间用 ; 分隔，使用本机的小数点符号
scripts-plain-csv-614748 = 脚本 (纯 CSV)
comma-separated-decimal-point-no-199198 = 逗号分隔，小数点，无字节顺序标记 (BOM)
export-6349d3 = 导出
export-the-recording-as-csv-3b4d4d = 将记录导出为 CSV
save-a-copy-of-the-recording-472439 = 保存记录副本
targets-a08d81 = 目标
only-name-160e3e = 仅 { $name }
only-the-selected-one-b25095 = 仅所选目标
save-2d5d68 = 保存
recording-5cf20c = 记录
from-is-after-to-660bb2 = 开始时间晚于结束时间
no-target-is-selected-733936 = 未选择目标
nothing-is-plotted-choose-all-or-716e26 = 没有绘制任何值: 请选择“全部”，或先绘制要导出的值

## src/ui/help_ui.rs
not-kept-no-home-folder-469fe7 = (未保存: 没有主目录)
help-9df01a = 帮助
serves-smartgen-cmm365-cmm366-cl-a24a83 = 在本笔记本上为 SmartGen CMM365/CMM366 云监控通讯模块提供服务，并通过串口轮询控制器。
point-a-modem-at-this-laptop-bd4651 = 让通讯模块连接到本笔记本
t-1-put-the-laptop-on-a-network-th-432822 = 1. 将笔记本接入通讯模块可达的网络 (现场局域网；4G 模块需要公网地址或端口转发)。
t-2-in-the-modem-s-configuration-s-acc677 = 2. 在通讯模块的配置中，将服务器地址设为状态栏中的某个地址 (点击即可复制)，端口 { $port }。
t-3-the-modem-logs-in-opens-its-lo-cce604 = 3. 通讯模块登录并建立长连接后，会在左侧显示为在线。实际模块每 4 到 25 分钟会自行重连。
port-and-firewall-f3ed8d = 端口与防火墙
the-server-listens-on-tcp-port-p-b0828d = 服务器监听 TCP 端口 { $port } (可在 文件 > 设置 中更改)。请在防火墙中放行:
on-linux-a-serial-adapter-needs-665e01 = 在 Linux 上，使用串口适配器需加入 dialout 组: sudo usermod -aG dialout $USER，然后重新登录。
where-things-are-kept-023e49 = 文件存放位置
settings-file-3cd5ba = 设置: { $file }
logs-and-crash-reports-folder-0433e5 = 日志和崩溃报告: { $folder }
the-app-s-log-file-in-that-folde-697457 = 程序日志: 该文件夹中的 { $file } (内容包括事件日志、程序的启动方式及所用渲染器；达到 { $size } MiB 后改名为 .1，保留 { $kept } 个旧文件)
window-size-and-panel-layout-kep-92db7d = 窗口大小和面板布局: 由窗口系统的应用存储 (eframe) 保存。
keyboard-d1a714 = 键盘
this-help-c9cbd0 = 本帮助
esc-a03a5e = Esc
close-a-dialog-without-sending-dbd30e = 关闭对话框，不发送
ctrl-ctrl-a6d5c2 = Ctrl + / Ctrl -
larger-or-smaller-text-aa4a36 = 放大或缩小文字
ctrl-0-abfd14 = Ctrl 0
text-size-back-to-normal-4df5c2 = 文字恢复正常大小
ctrl-c-ac7fbd = Ctrl C
copy-selected-text-traffic-inspe-06c098 = 复制选中的文字 (通讯监视器、对话框)
tab-8358ec = Tab
next-field-57e254 = 下一个输入框
ctrl-f-ac77de = Ctrl F
the-filter-of-the-values-table-o-ec7b68 = 数值表或机组群的筛选框
up-down-702e73 = ↑ / ↓
previous-or-next-target-alt-up-a-f18cba = 上一个或下一个目标 (输入时用 Alt+↑ / Alt+↓)
enter-f863ad = Enter
in-the-fleet-open-the-selected-t-62ed76 = 在机组群中: 打开所选目标
ctrl-1-2-3-1adfc4 = Ctrl 1 / 2 / 3
overview-values-fleet-24f494 = 概览、数值、机组群
load-a-register-map-eac6d5 = 加载寄存器映射表
map-file-2c7c5d = 映射表文件
path-to-map-toml-f6722c = /path/to/map.toml
browse-b63f91 = 浏览…
register-map-toml-cd22c1 = 寄存器映射表 (TOML)
loaded-map-cf9948 = 已加载: { $map }
maps-in-use-first-match-wins-4c2506 = 使用中的映射表 (先匹配者优先):

## src/ui/journal_ui.rs
select-a-target-to-see-its-journ-43971c = 选择一个目标以查看其日志。
the-journal-is-read-from-the-rec-500195 = 日志从记录中读取，但当前没有在记录 (程序启动时未启用记录)。
show-742e5c = 显示
every-kind-10830e = 所有类型
read-again-0dcc5d = 重新读取
read-the-journal-from-the-record-78fcef = 立即从记录中读取日志
reading-dca625 = 读取中…
nothing-of-this-kind-recorded-fo-0258a5 = 该目标没有此类记录。
show-60-s-the-plots-around-this-b0751c = 显示 ±60 s: 此时刻前后的曲线
first-out-count-more-came-on-aft-5190c6 = 首发报警: 其后又出现 { $count } 个报警。
came-on-after-first-the-first-ou-dcf376 = 出现在首发报警 { $first } 之后。
alarm-on-897dda = 报警出现
alarm-off-5d1bac = 报警消除
mode-6ee012 = 模式
status-4b77ef = 状态
breaker-fb0f4f = 断路器
stop-532ae5 = 停机
command-594ab2 = 命令
verdict-805e56 = 判定
link-db0669 = 链路
marker-f83197 = 标记

## src/ui/limits_ui.rs
default-value-e8e79b = 默认 { $value }
value-from-the-controller-bdfc45 = { $value } (来自控制器)
assumed-value-from-the-readings-0c150e = { $value } (按读数推定)
from-the-readings-or-enter-it-47e031 = 取自读数，或手动输入
each-load-step-s-values-are-judg-beb00f = 每个负载阶跃的数值均按这些限值判定 (留空: 使用默认值)。默认范围采用 ISO 8528-5 G2 级的稳态范围；不声明符合该标准。
unit-not-a-number-61545e = { $unit }: 不是数字
save-the-limits-b4f571 = 保存限值

## src/ui/map_picker_ui.rs
by-model-map-9494e1 = 按型号: { $map }
map-a7f051 = 映射表
by-model-03f8c9 = 按型号
decode-this-target-with-another-d2fba4 = 用另一个映射表解析此目标 (会为该目标记住)。通讯模块仍按其型号映射表的要求轮询。

## src/ui/menu_ui.rs
settings-d0d0b4 = 设置…
connect-serial-fc6659 = 连接串口…
attach-to-broker-c7ab6a = 连接 MQTT 代理…
see-the-modems-a-cmmctl-serve-mq-4f64b8 = 查看 cmmctl serve --mqtt 发布到 MQTT 代理上的通讯模块
commissioning-1f5384 = 调试…
load-steps-protection-tests-and-af22d8 = 所选目标的负载阶跃、保护测试和报告
export-csv-c354ed = 导出 CSV…
save-a-copy-of-the-recording-22b7af = 保存记录副本…
one-file-to-hand-over-usb-stick-75d9a4 = 单个文件便于移交 (U 盘、邮件)，记录过程中也可使用
nothing-is-being-recorded-70b3cf = 当前未在记录
open-recording-159d36 = 打开记录…
open-a-recording-8205c9 = 打开记录
quit-b3d356 = 退出
demo-dccc56 = 演示
a-recording-is-shown-read-only-n-7be2e1 = 正在只读显示记录: 此处没有模拟通讯模块。
start-simulated-modems-b26ce8 = 启动模拟通讯模块
stop-simulated-modems-fc6386 = 停止模拟通讯模块
view-4baa18 = 视图
traffic-inspector-ba17bb = 通讯监视器
targets-panel-ctrl-636763 = 目标面板 (Ctrl+[)
commands-panel-ctrl-bdf09f = 命令面板 (Ctrl+])
addresses-in-hex-f4fe97 = 地址用十六进制
theme-af7c92 = 主题
follow-the-system-548210 = 跟随系统
dark-570065 = 深色
light-d2f8cf = 浅色
high-contrast-sunlight-5cc992 = 高对比度 (强光下)
ui-scale-2a35b5 = 界面缩放
ctrl-and-ctrl-change-it-too-ctrl-72bf39 = Ctrl + 和 Ctrl - 也可调整；Ctrl 0 为 100 %
keys-ctrl-f-filter-up-down-alt-u-b80daf = 快捷键: Ctrl+F 筛选，↑/↓ (Alt+↑/↓) 切换目标，Ctrl+1/2/3 切换标签页，Ctrl+[ 和 Ctrl+] 侧面板
maps-5f0586 = 映射表
load-map-file-00ca51 = 加载映射表文件…
help-f1-ef947a = 帮助 (F1)
language-73db9b = 语言
as-the-system-language-b91f48 = 跟随系统 ({ $language })
translations-other-than-english-963821 = 英语以外的翻译由机器辅助完成，尚未经过审校。

## src/ui/overview_ui.rs
engine-61155b = 发动机
gen-v-acb19b = 发电电压
pf-ffff6b = PF
oil-c308db = 机油
coolant-f7b9ad = 冷却液
battery-0ae12e = 电池
since-when-age-2c289f = 自 { $when } 起 ({ $age })
no-active-alarms-850902 = 无当前报警
active-alarms-count-608057 = 当前报警 ({ $count })
the-first-of-the-alarms-that-cam-41e880 = 同时出现的报警中的第一个: 最先跳闸的原因
name-unverified-7b4c64 = { $name } (未验证)
model-map-map-1bad29 = { $model } · 映射表: { $map }
mode-mode-last-known-ea3dfd = 模式: { $mode } (最后已知)
mode-mode-c153d9 = 模式: { $mode }
status-status-last-known-3627e7 = 状态: { $status } (最后已知)
status-status-645daf = 状态: { $status }
the-readings-below-are-the-last-039a96 = 以下为最后收到的读数，以阴影显示。
remote-control-inhibited-by-the-84cac5 = 远程控制被通讯模块禁止 (InhbitRemote)
controller-reports-remote-lock-a0427b = 控制器报告远程锁定
select-a-modem-1bd5a0 = 选择通讯模块
no-data-yet-c9cbfa = 暂无数据。
the-map-map-names-no-values-by-r-864452 = 映射表 "{ $map }" 未按角色命名任何值，因此没有概览: 数值见“数值”标签页。
load-fed-by-source-04e378 = 负载由 { $source } 供电
load-no-data-the-target-is-offli-e20496 = 负载: 无数据 (目标离线)

## src/ui/plot_range_ui.rs
the-clock-is-out-of-range-8a8832 = 时间超出范围
time-does-not-exist-today-4100aa = 今天不存在 { $time } 这一时刻
time-does-not-exist-yesterday-18f39b = 昨天不存在 { $time } 这一时刻
range-4ac502 = 范围…
t-10-15-or-2026-11-24-10-15-5ba5ac = 10:15 或 2026-11-24 10:15
now-b19af7 = 现在
a-time-of-day-is-today-s-to-left-0e13f5 = 只填时刻即为今天；“至”留空即为现在。
from-reason-464383 = 从: { $reason }
to-reason-3e9330 = 至: { $reason }
from-must-be-before-to-acaf1f = “从”必须早于“至”
timeline-count-7b05e0 = 时间线 ({ $count })
no-alarm-command-marker-or-link-e6c989 = 视图中没有报警、命令、标记或链路事件。

## src/ui/plot_ui.rs
follow-live-9a9252 = 实时跟随
keep-the-newest-window-seconds-i-1f5411 = 保持显示最近“窗口”秒数的数据，数值自动适配
normalise-c6c269 = 归一化
own-scales-84e75e = 独立刻度
each-value-in-its-own-plot-on-it-d84f9f = 每个值单独一幅图，使用各自的 y 轴刻度
window-8631fd = 窗口
fit-6f13cc = 适配
fit-the-values-axis-to-what-is-s-d845a6 = 使数值轴适配所显示内容；未启用“实时跟随”时显示全部数据 (双击曲线图效果相同)
wheel-zoom-time-ctrl-wheel-zoom-91e0d1 = 滚轮: 缩放时间 · Ctrl+滚轮: 缩放数值 · 拖动: 平移
value-normalised-429585 = { $value } (已归一化)

## src/ui/record_ui.rs
recording-file-count-kept-15493f = 正在记录 { $file }: 已保存 { $count } 条
count-lost-1518f8 = 丢失 { $count } 条
not-recording-97614d = 未在记录
for-the-marker-9ba273 = 标记备注
mark-5a7bc0 = 标记
put-a-marker-with-this-note-in-t-81a24e = 在记录中放置带此备注的标记
file-no-readings-in-this-recordi-af22d1 = { $file }: 该记录中没有读数
recording-read-only-754c88 = 记录 (只读)
moment-in-the-recording-0472dc = 记录中的时刻
any-target-bfbd5a = 任意目标
previous-event-4d8480 = 上一事件
the-previous-alarm-command-marke-4521b0 = 上一个报警、命令、标记或链路变化
t-1-reading-a1d12f = -1 条读数
the-previous-reading-recorded-of-182a13 = { $target } 记录的上一条读数
t-1-reading-afb1b1 = +1 条读数
the-next-reading-recorded-of-tar-54a5bf = { $target } 记录的下一条读数
next-event-74b7c0 = 下一事件
the-next-alarm-command-marker-or-60776c = 下一个报警、命令、标记或链路变化
moment-b89dbd = 时刻
yyyy-mm-dd-hh-mm-ss-f18767 = YYYY-MM-DD hh:mm:ss

## src/ui/registers_ui.rs
alarm-name-kind-0c3ab0 = 报警 { $name } ({ $kind })
entries-marked-unverified-are-no-30eef1 = 标为 (未验证) 的条目: { $note }。
filter-a9c097 = 筛选
name-or-address-193e1b = 名称或地址
group-b91e8c = 分组
not-shown-for-lack-of-room-colum-be681a = 空间不足未显示: { $columns } (Ctrl+[ 和 Ctrl+] 可收起侧面板)
plot-a6f0c2 = 绘图
slave-3c0ee0 = 从站
table-0ceb7f = 表
address-0560f3 = 地址
raw-89aa91 = 原始值
group-74902c = 分组
changed-c5203b = 变化时间
plot-name-3ef32f = 绘制 { $name }
time-stale-ce7ced = { $time } (已过时?)
time-stale-a0814c = { $time } (已过时)
coil-4d0932 = 线圈
input-bit-391bac = 离散输入
holding-reg-11141a = 保持寄存器
input-reg-84ea19 = 输入寄存器

## src/ui/serial_ui.rs
connect-serial-d0181f = 连接串口
port-c53cc6 = 端口
detected-ports-59f6bb = 检测到的端口
refresh-15aad4 = 刷新
port-path-3edc31 = 端口路径
baud-ad5bad = 波特率
slave-id-30303d = 从站地址
parity-stop-bits-db59e8 = 校验位、停止位
even-dc8c31 = 偶校验
odd-409d5e = 奇校验
controller-5e8ea1 = 控制器
model-8b665a = 型号
no-serial-port-detected-plug-the-1e8616 = 未检测到串口: 请插入适配器后点“刷新”，或输入路径。
connect-89a899 = 连接
stop-scan-be1666 = 停止扫描
scan-148508 = 扫描
try-2400-to-19200-baud-and-slave-f21ada = 尝试 2400 至 19200 波特率及从站地址 1 至 32
opening-the-port-0393a9 = 正在打开端口…
scanning-done-of-total-63638b = 扫描中: { $done } / { $total }
scan-stopped-nothing-found-so-fa-171f97 = 扫描已停止: 尚未发现任何设备。
scan-done-nothing-answered-check-3a288b = 扫描完成: 无应答。请检查接线 (A/B)、控制器的通讯设置以及适配器的终端电阻。
found-slave-slave-at-baud-baud-u-85c671 = 已找到: 从站 { $slave }，{ $baud } 波特 (使用此设置)

## src/ui/settings_ui.rs
listen-address-address-is-not-ip-dc860b = 监听地址 { $address } 不是 IP:PORT 格式 (例如 0.0.0.0:21318)
advertised-address-address-is-no-f77370 = 告知地址 { $address } 不是 HOST:PORT 格式 (例如 192.168.1.20:21318)
settings-058728 = 设置
listen-on-756a0b = 监听地址
tell-modems-to-use-b62c85 = 告知通讯模块使用
automatic-this-laptop-s-address-af7fc4 = 自动: 本笔记本的地址
applying-restarts-the-modem-serv-19fce3 = 应用后将重启通讯模块服务器: 已连接的模块会自行重连。
apply-77bbdb = 应用

## src/ui/status_ui.rs
dismiss-5915f3 = 关闭
modem-server-address-93f9fa = 通讯模块服务器地址:
click-to-copy-c680c9 = 点击复制
showing-a-recording-no-modem-ser-e2b142 = 正在显示记录: 无通讯模块服务器
server-not-running-428790 = 服务器未运行
count-online-655d49 = { $count } 个在线
readings-logins-outcomes-and-err-194675 = 读数、登录、执行结果和错误从不跳过；事件到达速度超过显示速度时，会跳过通讯监视器行和心跳。

## src/ui/targets_ui.rs
via-broker-75c868 = 经 MQTT 代理
offline-819448 = 离线
link-down-af4787 = 链路中断
polling-f7ce50 = 轮询中
online-73308a = 在线
heartbeat-late-6823d1 = 心跳超时
silent-f23804 = 无响应
never-c95089 = 从未
seconds-s-ago-5befa0 = { $seconds } s 前
minutes-min-ago-bd3849 = { $minutes } min 前
hours-h-ago-c065df = { $hours } h 前
disconnect-84790b = 断开连接
seen-ago-a2a3ab = 最后出现 { $ago }
heartbeat-ago-6f2a7c = 心跳 { $ago }
down-reason-6cbe03 = 中断: { $reason }
a-controller-on-this-laptop-s-rs-b972a7 = 本笔记本 RS485/USB 适配器上的控制器
a-recording-is-shown-read-only-7ac161 = 正在只读显示记录
no-target-in-this-recording-dd7e41 = 该记录中没有目标。
no-modem-yet-point-a-modem-s-ser-ae6a12 = 尚无通讯模块。请将模块的服务器地址设为下方地址，或通过串口连接控制器，或启动演示。

## src/ui/traffic_ui.rs
the-selected-one-4d2545 = 所选目标
target-67f168 = 目标
out-1a365f = 发出
copy-8f3664 = 复制
crc-ok-4405f5 = CRC 正确
crc-bad-88e1be = CRC 错误
method-a2c750 = 方法
pause-f9bf2d = 暂停
select-a-message-352cd1 = 请选择一条报文。

## src/ui/view.rs
a-recording-is-read-only-nothing-822989 = 记录为只读: 无法从中发送任何内容。
cmm-commissioner-stopped-unexpec-4b48a0 = CMM Commissioner 上次意外退出
what-happened-is-in-the-crash-re-b1a25b = 详细情况见崩溃报告:
start-with-the-default-view-noth-6984b1 = 如果是同一视图导致了崩溃，请以默认视图启动 (不绘制曲线、不打开窗口、面板为默认大小)。
start-with-the-default-view-eab6f0 = 以默认视图启动
keep-my-view-f56a17 = 保留我的视图
overview-494fba = 概览
journal-db7f18 = 日志

## src/ui/write_source.rs
register-addr-2bf7e1 = 寄存器 { $addr }
not-sent-reason-783e00 = 未发送: { $reason }

## Written by hand: texts with ids of their own (plural forms)

modems-online = { $n } 个通讯模块在线

commission-visit-differences = "{ $from }" → "{ $to }": { $n } 项设置或状态不同
fleet-counts = { $n } 个目标 · { $online } 个在线 · { $alarmed } 个有报警 · 显示 { $shown } 个
journal-events = { $n } 个事件
journal-events-shown = { $shown } / { $n } 个事件

traffic-messages-kept = 已保留 { $n } 条报文

broker-connected-modems = MQTT 代理 { $broker }: 已连接，{ $n } 个通讯模块
targets-timeouts-crc = { $timeouts } 次超时，{ $crc } 次 CRC 错误
status-skipped-under-load = 系统繁忙，已跳过 { $n } 条通讯监视行/心跳
status-uploads-lost = { $hostid }: 丢失 { $n } 次变化上传 (packetnum 不连续): 此后未刷新的值在下次完整上传前可能已过时
offline-unreadable-and-more = 此时刻有部分内容无法读取: { $what } (另有 { $n } 项)

report-missing-characters = { $n } 个字符无法打印 (本机没有包含这些字符的字体；显示为空白方框): { $list }
report-limits-all-within = 限值: { $steps } 个负载阶跃的所有判定值均在限值内 (FAIL: 0)。
report-limits-failed = 限值: FAIL: { $n } 个值超出限值，涉及 { $steps } 个负载阶跃中的 { $failed } 个 ({ $list })。
report-measured-values-differ = 另有 { $n } 个测量值也不同，因为它们会自行变化 (`cmmctl snapshot-diff --all` 可列出)。
read-only = 只读
model-answers-modbus-functions-l-971a49 = { $model } 仅支持 Modbus 功能码 { $list }，不支持 { $function }
demo-modems-started = 演示：已启动 { $n } 个模拟通讯模块
