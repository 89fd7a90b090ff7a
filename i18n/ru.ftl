# ru
# Machine-assisted translation: not yet reviewed by a native speaker.
## src/app/command_effect.rs
closed-ee50c5 = замкнут
open-5ec4c9 = разомкнут
on-342fd0 = вкл.
off-3a8a0a = выкл.
name-still-closed-8c59ec = { $name }: всё ещё замкнут
name-still-open-c4e45c = { $name }: всё ещё разомкнут
name-still-on-24b045 = { $name }: всё ещё вкл.
name-still-off-d51a61 = { $name }: всё ещё выкл.
mains-breaker-c15c51 = Сетевой выключатель
generator-breaker-7c34ee = Генераторный выключатель
interlock-the-other-is-closed-cl-f55bb6 = БЛОКИРОВКА: { $other } замкнут. Если замкнуть и { $own }, сеть и генератор окажутся соединены: блокировка контроллера должна это запретить, и по показаниям { $own } останется разомкнут.

## src/app/entry.rs
field-give-an-address-0-65535-7a7ac1 = { $field }: укажите адрес (0-65535)
field-text-is-not-a-hex-number-4abba8 = { $field }: { $text } — не шестнадцатеричное число
field-text-is-not-a-number-9ea213 = { $field }: { $text } — не число
field-address-address-is-out-of-a663d3 = { $field }: адрес { $address } вне диапазона (0-65535)
field-give-a-value-ef1644 = { $field }: укажите значение
field-give-at-least-one-value-875d9b = { $field }: укажите хотя бы одно значение

## src/app/offline.rs
the-stale-marks-error-7de587 = отметки устаревания: { $error }
the-values-of-target-error-f1e800 = значения { $target }: { $error }
the-link-state-of-target-error-e88f21 = состояние связи { $target }: { $error }
the-stale-marks-of-target-error-559137 = отметки устаревания { $target }: { $error }
offline-at-this-moment-51c69d = в этот момент нет связи
part-of-this-moment-cannot-be-re-ec8247 = часть данных на этот момент не читается: { $what }

## src/app/status.rs
listening-on-addr-modems-use-adv-45d99e = прослушивание { $addr }; модемы используют { $advertise }
login-hostid-hostname-model-from-5c8b0b = вход { $hostid } "{ $hostname }" { $model } с { $peer }
login-refused-hostid-from-peer-r-348921 = вход ОТКЛОНЁН { $hostid } с { $peer }: { $reason }
online-hostid-from-peer-replaced-ee139a = на связи { $hostid } с { $peer } (заменено старое соединение)
online-hostid-from-peer-befba3 = на связи { $hostid } с { $peer }
offline-hostid-reason-62f977 = нет связи { $hostid }: { $reason }
sent-uid-to-hostid-command-4da4c3 = отправлено #{ $uid } на { $hostid }: { $command }
uid-hostid-outcome-detail-26ad05 = #{ $uid } { $hostid }: { $outcome } ({ $detail })
protocol-error-from-from-error-b20767 = ошибка протокола от { $from }: { $error }
error-message-16f61c = ошибка: { $message }
serial-target-open-settings-c9eae8 = последовательный порт { $target } открыт ({ $settings })
target-down-reason-a40a38 = { $target } недоступен: { $reason }
serial-target-lost-reason-e263cc = последовательный порт { $target } потерян: { $reason }
target-hostname-model-up-through-5f9f1d = { $target } "{ $hostname }" { $model } доступен через { $broker }
target-hostname-model-up-through-a789cc = { $target } "{ $hostname }" { $model } доступен через { $broker } (его мост не принимает команды)
broker-broker-connected-1827f0 = брокер { $broker } подключён
broker-broker-disconnected-reaso-62dee3 = брокер { $broker } отключён: { $reason }; повторная попытка
target-detached-25e096 = { $target } отсоединён
scan-slave-slave-answers-at-baud-63330e = поиск: ведомый { $slave } отвечает на { $baud } бод на { $port }
scan-error-4bbce0 = поиск: { $error }
serial-target-closed-dc9b4e = последовательный порт { $target } закрыт
disconnected-2ab1aa = отключено
timeout-f68388 = тайм-аут
shutdown-206a4b = завершение работы
accepted-c03140 = принято
rejected-7f6847 = отклонено
gone-62aaae = потеряно

## src/report/embed.rs
page-page-of-pages-8f0bf4 = стр. { $page } из { $pages }

## src/report/limits.rs
nominal-voltage-line-to-neutral-c275eb = Номинальное фазное напряжение (фаза–нейтраль)
nominal-frequency-b7bc35 = Номинальная частота
voltage-band-of-nominal-bddf23 = Допуск напряжения, ± % от номинала
frequency-band-of-nominal-c9bd57 = Допуск частоты, ± % от номинала
minimum-power-factor-under-load-d35b02 = Мин. коэффициент мощности (под нагрузкой)
maximum-coolant-temperature-569b25 = Макс. температура охлаждающей жидкости
minimum-oil-pressure-5f1af6 = Мин. давление масла
judged-from-after-the-step-s-sta-e5dfdb = Начало оценки после старта ступени
the-default-voltage-and-frequenc-3c1553 = Допуски напряжения и частоты по умолчанию соответствуют установившимся допускам ISO 8528-5, класс исполнения G2 (установившееся отклонение напряжения ±2,5 %; полоса установившейся частоты 1,5 %, принятая как ±0,75 % от номинала); оценка начинается через 10 s после начала каждой ступени, после времени восстановления по G2. Это значения по умолчанию для пусконаладочной проверки, а не испытание по стандарту: соответствие ISO 8528-5 не заявляется.
pass-965098 = НОРМА
fail-438d2d = ВНЕ НОРМЫ
no-nominal-enter-it-8e25d7 = нет номинала: введите его
nominal-unit-band-low-to-high-65e0e3 = { $nominal } { $unit } ±{ $band } %: от { $low } до { $high }
no-readings-bd535b = нет показаний
limit-no-readings-after-the-sett-3695cd = { $limit } (нет показаний после времени установления)
at-least-min-under-load-no-load-b28e55 = не менее { $min } под нагрузкой; нагрузки нет
at-least-min-b87177 = не менее { $min }
at-most-max-c-214184 = не более { $max } °C
at-least-min-kpa-27c42d = не менее { $min } kPa
the-map-gives-unit-not-judged-01fe14 = в карте регистров { $unit }: не оценивается

## src/report/mod.rs
cannot-write-path-reason-06d190 = не удаётся записать { $path }: { $reason }
seconds-s-0f06fd = { $seconds } s
minutes-min-seconds-s-a9d8c8 = { $minutes } min { $seconds } s
hours-h-minutes-min-614353 = { $hours } h { $minutes } min
generator-set-commissioning-repo-a3e821 = Протокол пусконаладки генераторной установки
made-made-from-the-recording-fil-9677fc = Составлен { $made } по записи { $file } (показания с { $from } по { $to }); время указано местное для этого компьютера, со смещением от UTC.
read-from-the-controller-and-the-403394 = Считано с контроллера и модема
counters-ee5e10 = Счётчики
counter-0f33c3 = Счётчик
start-of-the-recording-67b608 = Начало записи
read-at-ebe0ca = считано в
end-of-the-recording-491517 = Конец записи
difference-a75162 = Разница
commands-sent-audit-trail-8ec281 = Отправленные команды (журнал аудита)
no-command-was-sent-f160ae = Команды не отправлялись.
no-outcome-recorded-c01c2a = результат не записан
confirmed-a0440e = подтверждено
not-confirmed-43508f = НЕ подтверждено
sent-8dfb9f = Отправлено
command-7c8f52 = Команда
outcome-dfaed3 = Результат
readings-f6b638 = Показания
markers-and-notes-2925b4 = Метки и примечания
none-e3244f = Нет.
time-e4e404 = Время
note-40c15d = Примечание
deviations-c58785 = Отклонения
none-recorded-edc1bd = Не зафиксировано.
signatures-f3a55a = Подписи
commissioning-engineer-ffaadd = Инженер-наладчик
witness-fa5bcc = Свидетель
customer-f3c039 = Заказчик
job-job-15ebb7 = Заказ { $job }
settings-read-from-the-controlle-2dc3d9 = Настройки, считанные с панели контроллера
changed-29e89b = изменено
setting-9f754b = Параметр
as-found-bc42a9 = Исходное
as-left-9532fe = Итоговое
changed-during-the-visit-004144 = Изменено за время работ
from-the-snapshot-first-first-ti-ceabed = От снимка "{ $first }" ({ $first_time }) до "{ $last }" ({ $last_time }).
no-setting-or-state-differs-ada46b = Все настройки и состояния совпадают.
value-47f96a = Значение
where-dad0f8 = Где
summary-a44713 = сводная
warning-2112ef = предупреждение
trip-9433ea = отключение
block-0cbd62 = блокировка
alarms-from-the-journal-90508e = Аварии (из журнала)
no-alarm-came-on-while-recorded-309ba3 = За время записи аварий не возникало.
each-alarm-as-it-came-on-with-th-f894d1 = Каждая авария в момент возникновения, с показаниями на тот момент. Если несколько возникли вместе (в пределах 5 s), первая отмечена как первопричина: то, что сработало первым.
after-first-3e7db1 = после { $first }
on-at-ddcc15 = Возникла в
alarm-21c77a = Авария
first-out-3d96c8 = Первопричина
speed-6b8020 = Обороты
frequency-9206a1 = Частота
power-49a5e6 = Мощность
alarm-at-time-with-f20cd4 = { $alarm } в { $time }{ $with }
the-trip-is-at-the-middle-of-the-41b2ef = Срабатывание — в середине графика.
and-more-more-cmmctl-journal-fil-941336 = {"."}.. и ещё { $more }: `cmmctl journal { $file } --kind alarm_on` выводит все.
protection-tests-c9973f = Проверки защит
passed-of-tests-tests-passed-a-t-df4560 = Пройдено проверок: { $passed } из { $tests }. Проверка отмечается сама, когда в записи видно срабатывание её аварии; время до останова отсчитывается до нулевых оборотов двигателя (или частоты).
pass-recorded-76abbf = ПРОЙДЕНА (по записи)
stop-not-seen-dc5ef7 = останов не зафиксирован
pass-by-hand-76a065 = ПРОЙДЕНА (вручную)
not-tested-eceb87 = не проверялась
test-fcbe05 = Проверка
result-4af044 = Результат
time-to-stop-b4d027 = Время до останова

## src/report/model.rs
site-38a36e = Объект
customer-s-representative-f1b360 = Представитель заказчика
job-number-71ca45 = Номер заказа
engineer-6dbd38 = Инженер
genset-make-c126a3 = Марка ДГУ
genset-model-ae17be = Модель ДГУ
genset-serial-number-d4de26 = Заводской номер ДГУ
genset-rating-kva-kw-v-hz-44f8ca = Номинал ДГУ (kVA / kW, V, Hz)
engine-make-24657b = Марка двигателя
engine-model-358356 = Модель двигателя
engine-serial-number-3334ce = Заводской номер двигателя
engine-rating-kw-rpm-dc4912 = Номинал двигателя (kW, rpm)
alternator-make-df7e5f = Марка альтернатора
alternator-model-117aaa = Модель альтернатора
alternator-serial-number-df208a = Заводской номер альтернатора
alternator-rating-kva-v-hz-31843b = Номинал альтернатора (kVA, V, Hz)
controller-serial-number-5c7210 = Заводской номер контроллера
ambient-temperature-c-3883d3 = Температура окружающей среды (°C)
altitude-m-9da555 = Высота над уровнем моря (m)
load-bank-make-and-model-d03bb9 = Марка и модель нагрузочного модуля
load-bank-rating-kw-kvar-b1ed68 = Мощность нагрузочного модуля (kW / kvar)
load-bank-type-resistive-reactiv-ac66d5 = Тип нагрузочного модуля (активный, реактивный)
site-and-people-cb9dca = Объект и участники
nameplates-048767 = Паспортные данные
conditions-and-load-bank-4983b8 = Условия и нагрузочный модуль
voltage-l1-n-6bd343 = Напряжение L1-N
voltage-l2-n-4387de = Напряжение L2-N
voltage-l3-n-c413b5 = Напряжение L3-N
voltage-l1-l2-c27141 = Напряжение L1-L2
voltage-l2-l3-49a6d1 = Напряжение L2-L3
voltage-l3-l1-a65b1a = Напряжение L3-L1
current-l1-1e53d5 = Ток L1
current-l2-1e4f1c = Ток L2
current-l3-1e50af = Ток L3
active-power-5b2ade = Активная мощность
apparent-power-62f03d = Полная мощность
power-factor-ac3795 = Коэффициент мощности
engine-speed-80ac1c = Обороты двигателя
oil-pressure-39d846 = Давление масла
coolant-temperature-d39a53 = Температура охлаждающей жидкости
battery-voltage-078268 = Напряжение АКБ
run-hours-d9a79d = Моточасы
starts-463de4 = Пуски
energy-278db5 = Энергия
no-site-no-steps-no-tests-make-i-956e1a = нет объекта, ступеней и проверок: всё равно создать?
the-recording-has-no-target-targ-874edc = в записи нет объекта { $target }
the-recording-holds-no-target-to-0f6761 = в записи нет объекта для протокола
the-recording-holds-several-targ-c08ea5 = в записи несколько объектов; укажите одно через --target ({ $targets })

## src/report/pdf.rs
name-name-e401e9 = ФИО: { $name }
signature-f33595 = Подпись:
date-cb7279 = Дата:

## src/report/plot.rs
no-data-bba6ae = нет данных

## src/report/readings.rs
controller-model-6bc710 = Модель контроллера
software-version-e293fc = Версия ПО
hardware-version-1589b5 = Версия аппаратной части
software-date-bc77e4 = Дата ПО
register-map-0c3ff6 = Карта регистров
modem-through-broker-fdec15 = Модем через брокер
hostid-broker-broker-4114e3 = { $hostid } (брокер { $broker })
modem-hostid-721074 = hostid модема
serial-target-096c9e = Последовательное подключение
modem-name-e68714 = Имя модема
reported-model-b7676b = Модель по данным модема

## src/report/steps.rs
the-engine-stopping-54403a = останов двигателя
ended-by-reason-at-time-2b2a50 = , завершена ({ $reason }) в { $time }
not-ended-1bb179 = {" "}(не завершена)
short-under-half-the-planned-tim-e290f1 = ; КОРОТКАЯ: менее половины плановой длительности
limits-no-load-step-was-recorded-67ccb6 = Пределы: ступени нагрузки не записаны, ничего не оценено.
limits-the-steps-are-judged-agai-3b35b3 = Пределы для оценки ступеней
not-entered-and-not-recognised-i-04b743 = не введено и не распознано в показаниях
entered-5d3c54 = введено
the-controller-s-own-setting-3ce672 = собственная настройка контроллера
assumed-the-standard-value-neare-1ffea9 = принято: стандартное значение, ближайшее к показаниям (введите для точности)
default-3b5bde = по умолчанию
limit-964ad4 = Предел
from-743595 = Источник
no-limits-were-entered-in-this-r-362aeb = В этой записи пределы не вводились: действуют значения по умолчанию.
limit-text-is-not-a-number-the-d-6a9c43 = { $limit }: "{ $text }" — не число; действует значение по умолчанию.
load-steps-0682ee = Ступени нагрузки
the-figures-rest-on-readings-eve-98ad85 = Цифры основаны на показаниях каждые { $interval }: более короткие провалы и пики не видны.
no-load-step-was-recorded-e9d69b = Ступени нагрузки не записаны.
fail-values-e3156d = ВНЕ НОРМЫ: { $values }
not-run-e97577 = не выполнялась
step-71f92f = Ступень
started-b5823e = Начало
lasted-planned-cbc8ab = Длит. / план
mean-kw-cc7b06 = Средн. kW
mean-hz-155012 = Средн. Hz
alarms-2c532b = Аварии
limits-9784e5 = Пределы
step-step-from-to-to-status-c708cf = Ступень "{ $step }": с { $from } до { $to }{ $status }
low-to-high-b5fa56 = от { $low } до { $high }
unit-e16627 = Ед.
minimum-238a97 = Минимум
mean-bdc074 = Среднее
maximum-955e21 = Максимум
judged-8aea60 = Оценка
judged-the-lowest-and-highest-re-b52104 = Оценка: наименьшее и наибольшее показание от { $settle } после начала ступени до её конца.
no-alarm-during-the-step-6efaa3 = Во время ступени аварий не было.
alarm-at-time-alarm-780aef = Авария в { $time }: { $alarm }

## src/report/steps_csv.rs
step-441a0f = ступень
start-2b04df = начало
end-8e75aa = конец
duration-s-6576ff = длительность_s
planned-s-64d947 = план_s
value-5ed3ca = величина
unit-b51a07 = ед
min-8f4557 = мин
mean-de2954 = среднее
max-a2e319 = макс
alarms-658e0b = аварии
judged-min-b42b1f = оценка_мин
judged-max-a0b971 = оценка_макс
limit-dad934 = предел
result-377624 = результат

## src/store/export.rs
time-3c9be4 = время
target-608848 = объект
name-39bde6 = имя
raw-ff12f1 = исходное

## src/ui/broker_ui.rs
give-the-broker-s-address-e-g-mq-d32e02 = укажите адрес брокера, например mqtts://broker.example.com:8883
topic-prefix-prefix-give-a-topic-58d9fe = префикс топика { $prefix }: укажите уровень топика без + и # (по умолчанию cmm)
a-ca-file-is-for-mqtts-only-65f72c = файл CA — только для mqtts://
broker-broker-connecting-91a847 = брокер { $broker }: подключение
broker-broker-not-connected-reas-7b77f5 = брокер { $broker }: не подключён ({ $reason }); повторная попытка
attach-to-broker-68312a = Подключиться к брокеру
the-modems-a-cmmctl-serve-mqtt-p-cf6a0c = Модемы, которые cmmctl serve --mqtt публикует на этом брокере, появляются как объекты mqtt:HOSTID с теми же видами. Для команд нужен мост, запущенный с --mqtt-commands, через mqtts:// с учётными данными.
broker-c941d4 = Брокер
user-a63e12 = Пользователь
none-a7afdb = нет
password-c30838 = Пароль
kept-for-this-run-only-never-sav-f78834 = только на этот сеанс, не сохраняется
ca-file-167965 = Файл CA
mqtts-the-system-s-certificates-ee613c = mqtts://: системные сертификаты
topic-prefix-5bb6e8 = Префикс топика
attach-again-f9fcb0 = Подключиться снова
attach-a92e64 = Подключиться
detach-5c52d2 = Отключиться
close-86acc3 = Закрыть

## src/ui/commission_ui.rs
commissioning-43e3d8 = Пусконаладка
select-a-modem-or-a-serial-targe-857411 = Сначала выберите в списке модем или последовательное подключение.
nothing-is-being-recorded-a-comm-4253f5 = Запись не ведётся: данные пусконаладки хранятся в записи. Запустите приложение без --no-record.
recording-shown-read-only-entrie-249bb7 = (запись открыта только для чтения: данные изменить нельзя)
not-in-the-recording-yet-reason-95d001 = Ещё не в записи: { $reason }
reading-the-recording-b050e5 = чтение записи…
site-people-nameplates-and-load-287768 = Объект, участники, паспортные данные и нагрузочный модуль
what-differs-from-the-specificat-e7ff12 = отличия от спецификации и оставшиеся работы
save-to-the-recording-da3ee1 = Сохранить в запись
count-not-saved-yet-69646e = не сохранено: { $count }
equipment-and-counters-3cff03 = Оборудование и счётчики
read-from-the-recording-once-it-3ea972 = считывается из записи, когда в ней появятся показания
start-at-the-start-of-the-record-5214ee = { $start } в начале записи ({ $start_time }), { $end } в { $end_time }
running-step-for-duration-7d8d87 = Выполняется: { $step }, { $duration }
duration-left-49ac53 = (осталось { $duration })
planned-time-reached-08bcf1 = (плановое время истекло)
end-the-step-8e9f4d = Завершить ступень
no-step-running-b00c93 = Нет активной ступени
minutes-d9968e = Минуты
recorded-ec27dd = Записано
mean-kw-kw-6f1096 = в среднем { $kw } kW
running-6647fd = (выполняется)
start-step-517c97 = Начать ступень
start-this-step-now-ends-the-run-6da5ba = Начать эту ступень сейчас (текущая завершится)
remove-a5901d = Удалить
remove-from-the-plan-5c1493 = Удалить из плана
add-a-step-1aa42f = Добавить ступень
step-number-869d6c = Ступень { $number }
default-steps-5afb31 = Ступени по умолчанию
within-limits-d968fa = в пределах нормы
fail-limits-b7b7a7 = ВНЕ НОРМЫ: { $limits }
done-of-total-passed-a-test-tick-e650e1 = Пройдено: { $done } из { $total }. Проверка отмечается сама, когда в записи видно срабатывание её аварии.
stopped-after-duration-64501e = останов через { $duration }
passed-recorded-time-stop-09167c = Пройдена, записано { $time }, { $stop }
passed-by-hand-time-206ee8 = Пройдена вручную { $time }
passed-by-hand-time-note-4555a0 = Пройдена вручную { $time }: { $note }
undo-fd4acf = Отменить
how-it-was-tested-83a17c = как проверялось
passed-4b3fb9 = Пройдена
tick-by-hand-with-the-note-4d091f = Отметить вручную с примечанием
another-test-e-g-load-rejection-739b24 = другая проверка (напр., сброс нагрузки)
snapshot-370fad = Снимок
read-every-block-the-map-names-a-3b07ab = Считать все блоки из карты (и дополнительные диапазоны) и сохранить значения с меткой "{ $label }" для сравнения
keep-every-value-the-target-repo-358afa = Сохранить все текущие значения объекта с меткой "{ $label }" для сравнения
also-read-9f054e = также считать
ranges-the-map-does-not-name-rea-6f3c1c = Диапазоны вне карты: функция чтения, начальный адрес, количество
as-found-eaea89 = исходное
as-left-390c5e = итоговое
save-the-commissioning-report-291806 = Сохранить протокол пусконаладки
report-file-c4c4f7 = Файл протокола
ask-where-save-dialog-5899cb = спросить (диалог сохранения)
in-387a9e = на языке
the-report-s-language-whatever-t-4a20c7 = Язык протокола, независимо от языка окна
make-the-report-278bae = Создать протокол
pdf-with-the-load-steps-as-csv-b-937c54 = PDF, рядом — ступени нагрузки в CSV
nothing-entered-for-this-target-bac889 = Для этого объекта ничего не введено: { $warning }
make-it-anyway-5fb179 = Всё равно создать
cancel-afca3b = Отмена

## src/ui/config_ui.rs
configuration-5ee459 = Конфигурация
not-read-3b3876 = не считано
now-value-9868e0 = сейчас { $value }
min-to-max-unit-b9b610 = от { $min } до { $max } { $unit }
allowed-range-426798 = допустимо: { $range }
set-name-76c592 = Задать { $name }…

## src/ui/diagram_ui.rs
mains-and-generator-in-parallel-a968d8 = сеть и генератор (параллельно)
mains-1487a1 = сеть
generator-ec35c2 = генератор
not-known-no-breaker-state-read-15d904 = неизвестно (состояние выключателей не считано)
nothing-the-load-is-dead-cff02b = нет: нагрузка обесточена
single-line-diagram-mains-mains-a68b0c = Однолинейная схема: сеть { $mains }, сетевой выключатель { $mains_breaker }, генераторный выключатель { $gen_breaker }, генератор { $generator }; питание нагрузки: { $fed_by }
live-f017af = под напряжением
dead-df2b27 = без напряжения
single-line-diagram-no-data-the-1ccaac = Однолинейная схема: нет данных (нет связи с объектом)
mains-0f0a41 = Сеть
generator-798b62 = Генератор
gen-breaker-2f5835 = Выкл. генератора
load-afa209 = Нагрузка
## src/ui/editor_ui.rs
remote-control-blocked-reason-53984a = Дистанционное управление заблокировано: { $reason }
override-i-am-at-the-set-and-it-826a69 = Обход: я у агрегата, это безопасно
no-remote-commands-known-for-thi-ed9a83 = Для этой модели дистанционные команды неизвестны.
register-39c9e0 = Регистр
addr-d75f72 = адр.
write-f809b8 = Записать…
coil-795552 = Катушка
on-cc760c = Вкл…
off-3362ea = Выкл…
registers-f85269 = Регистры
from-cd8075 = с
v1-v2-or-v1-v2-dae2d5 = v1, v2 или v1; v2
each-value-in-its-register-s-uni-0bd7d7 = Каждое значение в единицах своего регистра; при разделителе ';' запись 25,5 означает 25.5
modem-port-now-494dd6 = Порт модема сейчас:
its-login-did-not-say-choose-bot-d535a8 = (при входе не сообщил: выберите оба)
set-to-c2cd88 = Установить
at-251588 = со скоростью
choose-30653c = выбрать…
baud-cdc48d = бод
choose-the-port-and-the-baud-fir-e02866 = Сначала выберите порт и скорость
this-is-the-modem-s-setting-alre-d88c38 = Модем уже так настроен
set-port-and-baud-36a853 = Задать порт и скорость…
reset-modem-8aadba = Перезапустить модем…
sent-waiting-0364be = отправлено, ожидание…
confirmed-by-the-readings-6e9ded = подтверждено показаниями
not-seen-in-the-readings-hint-c30dfd = НЕ видно в показаниях: { $hint }
not-confirmed-unmet-after-secs-s-cb1d29 = не подтверждено: { $unmet } через { $secs } s
not-seen-in-the-readings-within-42c1be = НЕ видно в показаниях за { $secs } s
checking-the-readings-b4dea9 = проверка показаний…
write-log-023b06 = Журнал записи
port-at-baud-7899f1 = { $port }, { $baud }
unknown-port-d2b304 = порт неизвестен
unknown-baud-29aebf = скорость неизвестна
set-the-modem-s-own-serial-port-dcc8d2 = Задать последовательный порт самого модема: { $from } -> { $to } (modulePort { $port }, moduleBaud { $baud })
reset-the-modem-it-drops-the-con-c2a3a2 = Перезапустить модем: он разорвёт соединение и войдёт снова
not-sent-reason-c43b1c = Не отправлено. { $reason }
send-to-the-controller-952e2a = Отправить на контроллер?
send-to-the-modem-f188a6 = Отправить на модем?
target-name-hostid-979402 = Объект: { $name } { $hostid }
slave-slave-f354b7 = Ведомый { $slave }
frame-frame-4cff51 = Кадр: { $frame }
updated-keys-typed-before-the-cl-1bebe8 = Обновлено: клавиши, нажатые до щелчка, пришли после него (метод ввода).
send-8e14cf = Отправить
commands-1550f3 = Команды
select-a-modem-d12e8a = Выберите модем.
seen-through-the-broker-broker-i-db85b2 = Виден через брокер { $broker }. Его мост не принимает команды (cmmctl serve запущен без --mqtt-commands): только чтение.
through-the-broker-broker-each-c-f291a4 = Через брокер { $broker }: каждая команда идёт на его мост, который проверяет её ещё раз.
no-register-writes-reason-991d1f = Запись регистров невозможна: { $reason }.

## src/ui/file_dialog.rs
no-map-file-chosen-if-no-file-di-f9fd94 = файл карты не выбран; если диалог выбора файла не появился, в этой системе его нет (нет desktop portal): введите путь к файлу в Карты > Загрузить файл карты
no-file-chosen-for-the-export-42c8cc = файл для экспорта не выбран
no-file-chosen-for-the-report-910764 = файл для отчёта не выбран

## src/ui/fleet_ui.rs
name-e07306 = Имя
modem-port-b6fba3 = Модем / порт
model-85e8fa = Модель
link-08e589 = Связь
mode-4e7732 = Режим
status-5ef20f = Состояние
last-seen-877718 = Последняя связь
offline-8b9928 = не в сети
alarm-ebecda = авария
no-login-yet-54b22a = (ещё не входил)
fleet-name-9f7576 = парк { $name }
sort-by-column-8c9f06 = сортировать по: { $column }
fleet-5615cf = Парк
fleet-filter-89c0ef = Фильтр парка
name-id-model-mode-alarm-offline-fb08c3 = имя, id, модель, режим, авария, не в сети

## src/ui/fonts.rs
no-font-on-this-computer-draws-c-c628b0 = Ни один шрифт на этом компьютере не отображает { $count } из этих символов ({ $list }): здесь они показаны прямоугольниками. Текст сохраняется как введён.

## src/ui/hand_settings_ui.rs
setpoints-modbus-cannot-read-typ-9186e2 = Уставки, недоступные по Modbus: введите их с панели контроллера — как было по прибытии и как оставлено, затем «Сохранить».
range-11e772 = Диапазон
another-setting-7828a8 = Другая уставка
its-name-on-the-panel-87ccd8 = её название на панели
add-c3aa14 = Добавить
keep-count-edited-ff32e7 = Сохранить (изменено: { $count })

## src/ui/handover_ui.rs
export-csv-58f993 = Экспорт CSV
the-start-or-yyyy-mm-dd-hh-mm-ss-c617b4 = начало (или ГГГГ-ММ-ДД чч:мм:сс)
to-f59644 = По
the-end-b88649 = конец
file-183663 = Файл
values-4d225b = Значения
the-plotted-ones-934e69 = те, что на графиках
all-254bc4 = все
layout-88421f = Формат
wide-a-column-per-value-23379a = широкий (столбец на значение)
long-a-row-per-change-816762 = длинный (строка на изменение)
times-53a755 = Время
utc-else-local-time-with-its-off-a5fc28 = UTC (иначе местное время со смещением)
for-7e1b30 = Для
a-spreadsheet-excel-873f68 = электронной таблицы (Excel)
opens-right-by-double-click-c-an-6fbb3f = Правильно открывается двойным щелчком: °C, Ω и нелатинские имена, ; между полями, десятичный знак этого компьютера
scripts-plain-csv-614748 = скриптов (простой CSV)
comma-separated-decimal-point-no-199198 = Разделитель — запятая, десятичная точка, без метки порядка байтов
export-6349d3 = Экспорт
export-the-recording-as-csv-3b4d4d = Экспорт записи в CSV
save-a-copy-of-the-recording-472439 = Сохранить копию записи
targets-a08d81 = Объекты
only-name-160e3e = только { $name }
only-the-selected-one-b25095 = только выбранный
save-2d5d68 = Сохранить
recording-5cf20c = Запись
from-is-after-to-660bb2 = «С» позже, чем «По»
no-target-is-selected-733936 = объект не выбран
nothing-is-plotted-choose-all-or-716e26 = на графиках ничего нет: выберите «все» или выведите на график значения для экспорта

## src/ui/help_ui.rs
not-kept-no-home-folder-469fe7 = (не сохраняются: нет домашней папки)
help-9df01a = Справка
serves-smartgen-cmm365-cmm366-cl-a24a83 = Обслуживает облачные модемы SmartGen CMM365/CMM366 на этом ноутбуке и опрашивает контроллеры через его последовательный порт.
point-a-modem-at-this-laptop-bd4651 = Направить модем на этот ноутбук
t-1-put-the-laptop-on-a-network-th-432822 = 1. Подключите ноутбук к сети, доступной модему (локальная сеть объекта; модему 4G нужен публичный адрес или проброс порта).
t-2-in-the-modem-s-configuration-s-acc677 = 2. В настройках модема укажите адресом сервера один из адресов в строке состояния (щелчок копирует его), порт { $port }.
t-3-the-modem-logs-in-opens-its-lo-cce604 = 3. Модем входит, открывает постоянное соединение и появляется слева как «в сети». Реальные модемы сами переподключаются каждые 4–25 минут.
port-and-firewall-f3ed8d = Порт и брандмауэр
the-server-listens-on-tcp-port-p-b0828d = Сервер слушает TCP-порт { $port } (меняется в Файл > Настройки). Разрешите его в брандмауэре:
on-linux-a-serial-adapter-needs-665e01 = В Linux последовательному адаптеру нужна группа dialout: sudo usermod -aG dialout $USER, затем войдите в систему заново.
where-things-are-kept-023e49 = Где что хранится
settings-file-3cd5ba = Настройки: { $file }
logs-and-crash-reports-folder-0433e5 = Журналы и отчёты о сбоях: { $folder }
the-app-s-log-file-in-that-folde-697457 = Журнал приложения: { $file } в этой папке (то же, что в журнале событий, как запускалось приложение и с каким рендерером; { $size } MiB, затем переносится в .1, хранится старых: { $kept })
window-size-and-panel-layout-kep-92db7d = Размер окна и расположение панелей: в хранилище приложений оконной системы (eframe).
keyboard-d1a714 = Клавиатура
this-help-c9cbd0 = эта справка
esc-a03a5e = Esc
close-a-dialog-without-sending-dbd30e = закрыть диалог без отправки
ctrl-ctrl-a6d5c2 = Ctrl + / Ctrl -
larger-or-smaller-text-aa4a36 = крупнее или мельче текст
ctrl-0-abfd14 = Ctrl 0
text-size-back-to-normal-4df5c2 = обычный размер текста
ctrl-c-ac7fbd = Ctrl C
copy-selected-text-traffic-inspe-06c098 = копировать выделенный текст (инспектор трафика, диалоги)
tab-8358ec = Tab
next-field-57e254 = следующее поле
ctrl-f-ac77de = Ctrl F
the-filter-of-the-values-table-o-ec7b68 = фильтр таблицы значений или парка
up-down-702e73 = Вверх / Вниз
previous-or-next-target-alt-up-a-f18cba = предыдущий или следующий объект (Alt+Вверх / Alt+Вниз при вводе текста)
enter-f863ad = Enter
in-the-fleet-open-the-selected-t-62ed76 = в парке: открыть выбранный объект
ctrl-1-2-3-1adfc4 = Ctrl 1 / 2 / 3
overview-values-fleet-24f494 = Обзор, Значения, Парк
load-a-register-map-eac6d5 = Загрузить карту регистров
map-file-2c7c5d = Файл карты
path-to-map-toml-f6722c = /путь/к/map.toml
browse-b63f91 = Выбрать…
register-map-toml-cd22c1 = Карта регистров (TOML)
loaded-map-cf9948 = Загружено: { $map }
maps-in-use-first-match-wins-4c2506 = Используемые карты (действует первое совпадение):

## src/ui/journal_ui.rs
select-a-target-to-see-its-journ-43971c = Выберите объект, чтобы увидеть его журнал.
the-journal-is-read-from-the-rec-500195 = Журнал читается из записи, а запись сейчас не ведётся (приложение запущено без неё).
show-742e5c = Показать
every-kind-10830e = все виды
read-again-0dcc5d = Перечитать
read-the-journal-from-the-record-78fcef = Прочитать журнал из записи сейчас
reading-dca625 = чтение…
nothing-of-this-kind-recorded-fo-0258a5 = Для этого объекта ничего такого не записано.
show-60-s-the-plots-around-this-b0751c = Показать ±60 s: графики вокруг этого момента
first-out-count-more-came-on-aft-5190c6 = Первая: после неё сработало ещё { $count }.
came-on-after-first-the-first-ou-dcf376 = Сработала после { $first }, первой аварии.
alarm-on-897dda = авария_вкл
alarm-off-5d1bac = авария_выкл
mode-6ee012 = режим
status-4b77ef = состояние
breaker-fb0f4f = выключатель
stop-532ae5 = останов
command-594ab2 = команда
verdict-805e56 = итог
link-db0669 = связь
marker-f83197 = метка

## src/ui/limits_ui.rs
default-value-e8e79b = по умолчанию { $value }
value-from-the-controller-bdfc45 = { $value } из контроллера
assumed-value-from-the-readings-0c150e = принято { $value } по показаниям
from-the-readings-or-enter-it-47e031 = по показаниям, или введите
each-load-step-s-values-are-judg-beb00f = Значения каждой ступени нагрузки сверяются с этими пределами (пусто: по умолчанию). Пределы по умолчанию взяты из допусков установившегося режима ISO 8528-5, класс G2; соответствие стандарту не заявляется.
unit-not-a-number-61545e = { $unit }: не число
save-the-limits-b4f571 = Сохранить пределы

## src/ui/map_picker_ui.rs
by-model-map-9494e1 = по модели: { $map }
map-a7f051 = Карта
by-model-03f8c9 = По модели
decode-this-target-with-another-d2fba4 = Декодировать этот объект по другой карте (запоминается для него). Модем продолжает опрашивать то, что задаёт карта его модели.

## src/ui/menu_ui.rs
settings-d0d0b4 = Настройки…
connect-serial-fc6659 = Подключить COM-порт…
attach-to-broker-c7ab6a = Подключиться к брокеру…
see-the-modems-a-cmmctl-serve-mq-4f64b8 = Видеть модемы, которые cmmctl serve --mqtt публикует на брокере MQTT
commissioning-1f5384 = Пусконаладка…
load-steps-protection-tests-and-af22d8 = Ступени нагрузки, проверки защит и отчёт по выбранному объекту
export-csv-c354ed = Экспорт CSV…
save-a-copy-of-the-recording-22b7af = Сохранить копию записи…
one-file-to-hand-over-usb-stick-75d9a4 = Один файл для передачи (USB-флешка, почта), можно и во время записи
nothing-is-being-recorded-70b3cf = Запись не ведётся
open-recording-159d36 = Открыть запись…
open-a-recording-8205c9 = Открыть запись
quit-b3d356 = Выход
demo-dccc56 = Демо
a-recording-is-shown-read-only-n-7be2e1 = Запись показана только для чтения: имитации модемов здесь нет.
start-simulated-modems-b26ce8 = Запустить имитацию модемов
stop-simulated-modems-fc6386 = Остановить имитацию модемов
view-4baa18 = Вид
traffic-inspector-ba17bb = Инспектор трафика
targets-panel-ctrl-636763 = Панель объектов (Ctrl+[)
commands-panel-ctrl-bdf09f = Панель команд (Ctrl+])
addresses-in-hex-f4fe97 = Адреса в hex
theme-af7c92 = Тема
follow-the-system-548210 = Как в системе
dark-570065 = Тёмная
light-d2f8cf = Светлая
high-contrast-sunlight-5cc992 = Высокий контраст (солнце)
ui-scale-2a35b5 = Масштаб интерфейса
ctrl-and-ctrl-change-it-too-ctrl-72bf39 = Ctrl + и Ctrl - тоже меняют его; Ctrl 0 — 100 %
keys-ctrl-f-filter-up-down-alt-u-b80daf = Клавиши: Ctrl+F фильтр, Вверх/Вниз (Alt+Вверх/Вниз) объекты, Ctrl+1/2/3 вкладки, Ctrl+[ и Ctrl+] боковые панели
maps-5f0586 = Карты
load-map-file-00ca51 = Загрузить файл карты…
help-f1-ef947a = Справка (F1)
language-73db9b = Язык
as-the-system-language-b91f48 = Как в системе ({ $language })
translations-other-than-english-963821 = Переводы (кроме английского) сделаны с помощью машинного перевода и ещё не проверены.

## src/ui/overview_ui.rs
engine-61155b = Двигатель
gen-v-acb19b = Ген. V
pf-ffff6b = cos φ
oil-c308db = Масло
coolant-f7b9ad = ОЖ
battery-0ae12e = АКБ
since-when-age-2c289f = с { $when } ({ $age })
no-active-alarms-850902 = Нет активных аварий
active-alarms-count-608057 = Активные аварии ({ $count })
the-first-of-the-alarms-that-cam-41e880 = Первая из аварий, сработавших вместе: что сработало первым
name-unverified-7b4c64 = { $name } (не проверено)
model-map-map-1bad29 = { $model } · карта: { $map }
mode-mode-last-known-ea3dfd = Режим: { $mode } (последний известный)
mode-mode-c153d9 = Режим: { $mode }
status-status-last-known-3627e7 = Состояние: { $status } (последнее известное)
status-status-645daf = Состояние: { $status }
the-readings-below-are-the-last-039a96 = Показания ниже — последние полученные, затенены.
remote-control-inhibited-by-the-84cac5 = Дистанционное управление запрещено модемом (InhbitRemote)
controller-reports-remote-lock-a0427b = Контроллер сообщает о блокировке ДУ (Remote Lock)
select-a-modem-1bd5a0 = Выберите модем
no-data-yet-c9cbfa = Данных пока нет.
the-map-map-names-no-values-by-r-864452 = Карта "{ $map }" не задаёт значениям роли, поэтому обзора нет: значения — на вкладке «Значения».
load-fed-by-source-04e378 = Нагрузка питается от: { $source }
load-no-data-the-target-is-offli-e20496 = Нагрузка: нет данных (объект не в сети)

## src/ui/plot_range_ui.rs
the-clock-is-out-of-range-8a8832 = время вне допустимого диапазона
time-does-not-exist-today-4100aa = { $time } сегодня не существует
time-does-not-exist-yesterday-18f39b = { $time } вчера не существовало
range-4ac502 = Интервал…
t-10-15-or-2026-11-24-10-15-5ba5ac = 10:15 или 2026-11-24 10:15
now-b19af7 = сейчас
a-time-of-day-is-today-s-to-left-0e13f5 = Время суток относится к сегодня; пустое «По» — сейчас.
from-reason-464383 = С: { $reason }
to-reason-3e9330 = По: { $reason }
from-must-be-before-to-acaf1f = «С» должно быть раньше «По»
timeline-count-7b05e0 = Хронология ({ $count })
no-alarm-command-marker-or-link-e6c989 = В видимой области нет аварий, команд, меток и событий связи.

## src/ui/plot_ui.rs
follow-live-9a9252 = Следить
keep-the-newest-window-seconds-i-1f5411 = Показывать последние секунды «Окна», подгоняя шкалу значений
normalise-c6c269 = Нормировать
own-scales-84e75e = Свои шкалы
each-value-in-its-own-plot-on-it-d84f9f = Каждое значение на своём графике, со своей шкалой y
window-8631fd = Окно
fit-6f13cc = Вписать
fit-the-values-axis-to-what-is-s-d845a6 = Подогнать ось значений под видимое; без «Следить» — показать все данные (то же делает двойной щелчок по графику)
wheel-zoom-time-ctrl-wheel-zoom-91e0d1 = колесо: масштаб времени · Ctrl+колесо: масштаб значений · перетаскивание: сдвиг
value-normalised-429585 = { $value } (нормировано)

## src/ui/record_ui.rs
recording-file-count-kept-15493f = Запись { $file }: сохранено { $count }
count-lost-1518f8 = потеряно { $count }
not-recording-97614d = Запись не ведётся
for-the-marker-9ba273 = для метки
mark-5a7bc0 = Отметить
put-a-marker-with-this-note-in-t-81a24e = Поставить в записи метку с этим примечанием
file-no-readings-in-this-recordi-af22d1 = { $file }: в этой записи нет показаний
recording-read-only-754c88 = Запись (только чтение)
moment-in-the-recording-0472dc = Момент в записи
any-target-bfbd5a = любой объект
previous-event-4d8480 = Предыдущее событие
the-previous-alarm-command-marke-4521b0 = Предыдущая авария, команда, метка или изменение связи
t-1-reading-a1d12f = -1 показание
the-previous-reading-recorded-of-182a13 = Предыдущее записанное показание объекта { $target }
t-1-reading-afb1b1 = +1 показание
the-next-reading-recorded-of-tar-54a5bf = Следующее записанное показание объекта { $target }
next-event-74b7c0 = Следующее событие
the-next-alarm-command-marker-or-60776c = Следующая авария, команда, метка или изменение связи
moment-b89dbd = Момент
yyyy-mm-dd-hh-mm-ss-f18767 = ГГГГ-ММ-ДД чч:мм:сс

## src/ui/registers_ui.rs
alarm-name-kind-0c3ab0 = АВАРИЯ { $name } ({ $kind })
entries-marked-unverified-are-no-30eef1 = Записи с пометкой (не проверено) — { $note }.
filter-a9c097 = Фильтр
name-or-address-193e1b = имя или адрес
group-b91e8c = группа
not-shown-for-lack-of-room-colum-be681a = Не показаны из-за нехватки места: { $columns } (Ctrl+[ и Ctrl+] скрывают боковые панели)
plot-a6f0c2 = График
slave-3c0ee0 = Ведомый
table-0ceb7f = Таблица
address-0560f3 = Адрес
raw-89aa91 = Сырое
group-74902c = Группа
changed-c5203b = Изменено
plot-name-3ef32f = график { $name }
time-stale-ce7ced = { $time } (устарело?)
time-stale-a0814c = { $time } (устарело)
coil-4d0932 = катушка
input-bit-391bac = дискр. вход
holding-reg-11141a = рег. хранения
input-reg-84ea19 = вх. регистр

## src/ui/serial_ui.rs
connect-serial-d0181f = Подключить COM-порт
port-c53cc6 = Порт
detected-ports-59f6bb = Найденные порты
refresh-15aad4 = Обновить
port-path-3edc31 = Путь к порту
baud-ad5bad = Скорость
slave-id-30303d = Адрес ведомого
parity-stop-bits-db59e8 = Чётность, стоп-биты
even-dc8c31 = чёт
odd-409d5e = нечёт
controller-5e8ea1 = Контроллер
model-8b665a = модель
no-serial-port-detected-plug-the-1e8616 = Последовательный порт не найден: подключите адаптер и нажмите «Обновить» или введите путь.
connect-89a899 = Подключить
stop-scan-be1666 = Остановить поиск
scan-148508 = Поиск
try-2400-to-19200-baud-and-slave-f21ada = Перебрать скорости 2400–19200 бод и адреса ведомого 1–32
opening-the-port-0393a9 = Открытие порта…
scanning-done-of-total-63638b = поиск: { $done } из { $total }
scan-stopped-nothing-found-so-fa-171f97 = Поиск остановлен: пока ничего не найдено.
scan-done-nothing-answered-check-3a288b = Поиск завершён: никто не ответил. Проверьте подключение (A/B), настройки связи контроллера и терминатор адаптера.
found-slave-slave-at-baud-baud-u-85c671 = Найден: ведомый { $slave } на { $baud } бод (использовать)

## src/ui/settings_ui.rs
listen-address-address-is-not-ip-dc860b = адрес прослушивания { $address } не в формате IP:PORT (напр. 0.0.0.0:21318)
advertised-address-address-is-no-f77370 = адрес для модемов { $address } не в формате HOST:PORT (напр. 192.168.1.20:21318)
settings-058728 = Настройки
listen-on-756a0b = Слушать на
tell-modems-to-use-b62c85 = Адрес для модемов
automatic-this-laptop-s-address-af7fc4 = автоматически: адрес этого ноутбука
applying-restarts-the-modem-serv-19fce3 = Применение перезапускает сервер модемов: подключённые модемы переподключатся сами.
apply-77bbdb = Применить

## src/ui/status_ui.rs
dismiss-5915f3 = Закрыть
modem-server-address-93f9fa = Адрес сервера модемов:
click-to-copy-c680c9 = Щёлкните, чтобы скопировать
showing-a-recording-no-modem-ser-e2b142 = Показ записи: сервер модемов не работает
server-not-running-428790 = сервер не запущен
count-online-655d49 = в сети: { $count }
readings-logins-outcomes-and-err-194675 = Показания, входы, результаты и ошибки не пропускаются никогда; строки инспектора трафика и heartbeat пропускаются, если события приходят быстрее, чем отображаются.

## src/ui/targets_ui.rs
via-broker-75c868 = через брокер
offline-819448 = НЕ В СЕТИ
link-down-af4787 = НЕТ СВЯЗИ
polling-f7ce50 = опрос
online-73308a = в сети
heartbeat-late-6823d1 = сигнал связи запаздывает
silent-f23804 = молчит
never-c95089 = никогда
seconds-s-ago-5befa0 = { $seconds } s назад
minutes-min-ago-bd3849 = { $minutes } мин назад
hours-h-ago-c065df = { $hours } h назад
disconnect-84790b = Отключить
seen-ago-a2a3ab = на связи { $ago }
heartbeat-ago-6f2a7c = сигнал связи был { $ago }
down-reason-6cbe03 = нет связи: { $reason }
a-recording-is-shown-read-only-7ac161 = Запись показана только для чтения
no-target-in-this-recording-dd7e41 = В этой записи нет объектов.
no-modem-yet-point-a-modem-s-ser-ae6a12 = Модемов пока нет. Укажите в модеме адрес сервера, приведённый ниже, подключите контроллер по последовательному порту или запустите демо.

## src/ui/traffic_ui.rs
the-selected-one-4d2545 = выбранный
target-67f168 = Объект
out-1a365f = исх.
copy-8f3664 = Копировать
crc-ok-4405f5 = CRC в норме
crc-bad-88e1be = CRC ОШИБКА
method-a2c750 = Метод
pause-f9bf2d = Пауза
select-a-message-352cd1 = Выберите сообщение.

## src/ui/view.rs
a-recording-is-read-only-nothing-822989 = Запись только для чтения: из неё ничего нельзя отправить.
cmm-commissioner-stopped-unexpec-4b48a0 = В прошлый раз CMM Commissioner неожиданно завершил работу
what-happened-is-in-the-crash-re-b1a25b = Что произошло, описано в отчёте о сбое:
start-with-the-default-view-noth-6984b1 = Начните с вида по умолчанию (без графиков, без открытых окон, панели стандартного размера), если сбой вызвал этот же вид.
start-with-the-default-view-eab6f0 = Начать с вида по умолчанию
keep-my-view-f56a17 = Оставить мой вид
overview-494fba = Обзор
journal-db7f18 = Журнал

## src/ui/write_source.rs
register-addr-2bf7e1 = регистр { $addr }
not-sent-reason-783e00 = Не отправлено: { $reason }

## Written by hand: texts with ids of their own (plural forms)

modems-online = { $n ->
    [one] { $n } модем в сети
    [few] { $n } модема в сети
    [many] { $n } модемов в сети
   *[other] { $n } модема в сети
}

commission-visit-differences = "{ $from }" → "{ $to }": { $n ->
    [one] отличается { $n } настройка или состояние
    [few] отличаются { $n } настройки или состояния
    [many] отличаются { $n } настроек или состояний
   *[other] отличаются { $n } настройки или состояния
}
fleet-counts = { $n ->
    [one] { $n } объект
    [few] { $n } объекта
    [many] { $n } объектов
   *[other] { $n } объекта
} · в сети: { $online } · с авариями: { $alarmed } · показано: { $shown }
journal-events = { $n ->
    [one] { $n } событие
    [few] { $n } события
    [many] { $n } событий
   *[other] { $n } события
}
journal-events-shown = { $shown } из { $n ->
    [one] { $n } события
    [few] { $n } событий
    [many] { $n } событий
   *[other] { $n } события
}

traffic-messages-kept = { $n ->
    [one] сохранено { $n } сообщение
    [few] сохранено { $n } сообщения
    [many] сохранено { $n } сообщений
   *[other] сохранено { $n } сообщения
}


broker-connected-modems = { $n ->
    [one] брокер { $broker }: подключён, { $n } модем
    [few] брокер { $broker }: подключён, { $n } модема
    [many] брокер { $broker }: подключён, { $n } модемов
   *[other] брокер { $broker }: подключён, { $n } модема
}
targets-timeouts-crc = { $timeouts ->
    [one] { $timeouts } тайм-аут, { $crc } CRC
    [few] { $timeouts } тайм-аута, { $crc } CRC
    [many] { $timeouts } тайм-аутов, { $crc } CRC
   *[other] { $timeouts } тайм-аута, { $crc } CRC
}
status-skipped-under-load = { $n ->
    [one] из-за нагрузки пропущена { $n } строка трафика/heartbeat
    [few] из-за нагрузки пропущены { $n } строки трафика/heartbeat
    [many] из-за нагрузки пропущено { $n } строк трафика/heartbeat
   *[other] из-за нагрузки пропущено { $n } строки трафика/heartbeat
}
status-uploads-lost = { $n ->
    [one] { $hostid }: потерян { $n } пакет изменений (пропуск packetnum): значения, не обновлявшиеся с тех пор, могут быть устаревшими до следующей полной выгрузки
    [few] { $hostid }: потеряны { $n } пакета изменений (пропуск packetnum): значения, не обновлявшиеся с тех пор, могут быть устаревшими до следующей полной выгрузки
    [many] { $hostid }: потеряно { $n } пакетов изменений (пропуск packetnum): значения, не обновлявшиеся с тех пор, могут быть устаревшими до следующей полной выгрузки
   *[other] { $hostid }: потеряно { $n } пакета изменений (пропуск packetnum): значения, не обновлявшиеся с тех пор, могут быть устаревшими до следующей полной выгрузки
}
offline-unreadable-and-more = { $n ->
    [one] часть этого момента не читается: { $what } (и ещё { $n })
    [few] часть этого момента не читается: { $what } (и ещё { $n })
    [many] часть этого момента не читается: { $what } (и ещё { $n })
   *[other] часть этого момента не читается: { $what } (и ещё { $n })
}

report-missing-characters = { $n ->
    [one] { $n } символ не удалось напечатать (его нет ни в одном шрифте на этом компьютере; он показан пустым прямоугольником): { $list }
    [few] { $n } символа не удалось напечатать (их нет ни в одном шрифте на этом компьютере; они показаны пустыми прямоугольниками): { $list }
    [many] { $n } символов не удалось напечатать (их нет ни в одном шрифте на этом компьютере; они показаны пустыми прямоугольниками): { $list }
   *[other] { $n } символа не удалось напечатать (их нет ни в одном шрифте на этом компьютере; они показаны пустыми прямоугольниками): { $list }
}
report-limits-all-within = { $steps ->
    [one] Пределы: все оценённые значения { $steps } ступени нагрузки были в своих пределах (FAIL: 0).
    [few] Пределы: все оценённые значения { $steps } ступеней нагрузки были в своих пределах (FAIL: 0).
    [many] Пределы: все оценённые значения { $steps } ступеней нагрузки были в своих пределах (FAIL: 0).
   *[other] Пределы: все оценённые значения { $steps } ступени нагрузки были в своих пределах (FAIL: 0).
}
report-limits-failed = { $n ->
    [one] Пределы: FAIL: { $n } значение вне своих пределов, в { $failed } из { $steps } ступеней нагрузки ({ $list }).
    [few] Пределы: FAIL: { $n } значения вне своих пределов, в { $failed } из { $steps } ступеней нагрузки ({ $list }).
    [many] Пределы: FAIL: { $n } значений вне своих пределов, в { $failed } из { $steps } ступеней нагрузки ({ $list }).
   *[other] Пределы: FAIL: { $n } значения вне своих пределов, в { $failed } из { $steps } ступеней нагрузки ({ $list }).
}
report-measured-values-differ = { $n ->
    [one] Также отличается { $n } измеряемое значение: такие значения меняются сами по себе (их перечисляет `cmmctl snapshot-diff --all`).
    [few] Также отличаются { $n } измеряемых значения: такие значения меняются сами по себе (их перечисляет `cmmctl snapshot-diff --all`).
    [many] Также отличаются { $n } измеряемых значений: такие значения меняются сами по себе (их перечисляет `cmmctl snapshot-diff --all`).
   *[other] Также отличаются { $n } измеряемого значения: такие значения меняются сами по себе (их перечисляет `cmmctl snapshot-diff --all`).
}
read-only = только чтение
model-answers-modbus-functions-l-971a49 = { $model } поддерживает только функции Modbus { $list }, но не { $function }
demo-modems-started = { $n ->
    [one] демо: запущен { $n } имитируемый модем
    [few] демо: запущено { $n } имитируемых модема
   *[many] демо: запущено { $n } имитируемых модемов
}
cannot-listen-on-addr-reason-4040a1 = не удаётся прослушивать { $addr }: { $reason }
target-is-already-connected-170e73 = { $target } уже подключён
map-path-reason-f930b8 = карта регистров { $path }: { $reason }
cannot-save-settings-to-path-rea-1ac8dc = не удаётся сохранить настройки в { $path }: { $reason }
not-sent-to-target-reason-43af3a = не отправлено на { $target }: { $reason }
broker-reason-80ab20 = брокер: { $reason }
a-recording-is-read-only-nothing-14213d = запись открыта только для чтения: из неё ничего нельзя отправить
nothing-is-being-recorded-the-ap-89fbe0 = запись не ведётся (приложение запущено без записи)
the-demo-needs-the-modem-server-cf6097 = для демо нужен сервер модемов, но он не запущен
the-core-is-not-taking-commands-d52b86 = ядро не принимает команды: { $reason }
not-connected-since-the-last-sta-b8fca8 = не подключался с последнего запуска
last-seen-ago-ccae91 = последняя связь { $ago }
never-seen-d0f3a8 = связи ещё не было
offline-why-seen-b8e8fd = НЕТ СВЯЗИ ({ $why }) · { $seen }
a-recording-is-read-only-no-comm-331a3f = запись открыта только для чтения: команды отправлять нельзя
no-command-can-be-sent-why-2573a4 = Команды отправлять нельзя: { $why }
not-live-the-target-is-offline-w-aacd20 = не текущее: нет связи с объектом ({ $why }), последнее показание в { $time }; это его последнее значение
not-live-the-target-is-offline-w-10ca76 = не текущее: нет связи с объектом ({ $why }); это его последнее значение
stale-since-time-why-d84d07 = устарело с { $time }: { $why }
possibly-stale-change-uploads-we-b92d75 = возможно, устарело: в { $time } потеряны пакеты изменений, и с тех пор значение не обновлялось (следующая полная выгрузка это исправит)
when-age-ago-397e1e = { $when } ({ $age } назад)
unknown-759fb9 = неизвестно
mode-mode-status-status-31a7ad = режим: { $mode }, состояние: { $status }
mode-mode-b0d27b = режим: { $mode }
command-acts-in-modes-mode-only-6ee15d = { $command } действует только в режиме { $modes }: режим контроллера — { $mode }, поэтому команда ничего не сделает.
another-mode-c191bf = другой
command-acts-in-modes-mode-only-be09bb = { $command } действует только в режиме { $modes }, а режим ещё не считан: в режиме { $modes } стартер прокрутит двигатель и он запустится; в другом режиме ничего не произойдёт.
command-acts-in-modes-mode-only-e4258f = { $command } действует только в режиме { $modes } (режим ещё не считан).
the-engine-will-crank-and-start-91bff2 = Стартер прокрутит двигатель, и он запустится. Сейчас: { $now }.
the-name-is-state-and-this-opens-6196cb = { $name }: { $state }, команда его разомкнёт
the-name-is-state-and-this-close-afcab9 = { $name }: { $state }, команда его замкнёт
the-name-is-not-read-yet-its-sta-08a095 = { $name }: ещё не считан, состояние неизвестно
this-coil-toggles-it-opens-a-clo-5308b1 = Эта катушка переключает: замкнутый выключатель размыкает, разомкнутый — замыкает. Сейчас: { $now }.
this-command-toggles-the-breaker-c13f22 = Эта команда переключает выключатель: замкнутый размыкает, разомкнутый — замыкает.
sent-as-a-pulse-off-gap-ms-later-c01ada = Отправляется импульсом: выкл., через { $gap } ms вкл., удержание { $hold } ms, затем выкл. (три записи).
command-refused-why-bc3da4 = { $command }: отказ: { $why }
first-out-n-after-it-782951 = ПЕРВОПРИЧИНА (+{ $n } после неё)
cannot-open-port-at-baud-baud-re-d523fa = не удаётся открыть { $port } на { $baud } бод: { $reason }
cannot-list-the-serial-ports-rea-904e7d = не удаётся получить список последовательных портов: { $reason }
built-from-public-sources-check-b66cd6 = составлено по открытым источникам: сверьте с дисплеем контроллера
disabled-f36f05 = отключён
port-baud-baud-d0a46c = { $port }, { $baud } бод
port-baud-unknown-a65aa8 = { $port }, скорость неизвестна
port-unknown-baud-baud-1071d6 = порт неизвестен, { $baud } бод
the-modem-will-stop-talking-to-i-c7c670 = Модем перестанет обмениваться данными с контроллером: его последовательный порт будет отключён, и вернуть доступ, возможно, удастся только выездом к ДГУ.
the-modem-will-stop-talking-to-i-4213b2 = Модем перестанет обмениваться данными с контроллером, если контроллер не подключён к его порту { $new } (сейчас { $now }).
the-modem-s-current-port-is-not-65290e = Текущий порт модема неизвестен: если контроллер не подключён к выбранному порту, модем перестанет с ним обмениваться данными.
recording-path-reason-cb39bf = запись { $path }: { $reason }
path-is-not-a-cmm-commissioner-r-eddf3c = { $path } не является записью CMM Commissioner
path-was-made-by-a-newer-version-9ad2e5 = { $path } создан более новой версией CMM Commissioner (схема { $version }); эта версия читает схему { $ours }
recording-path-a-file-is-already-a9123d = запись { $path }: такой файл уже есть: укажите другое имя
the-recorder-fell-behind-n-recor-c723f5 = запись не успевает: не сохранено записей: { $n }
malformed-json-reason-c161e8 = неверный JSON: { $reason }
message-is-not-a-json-object-b376b7 = сообщение не является объектом JSON
missing-field-field-a49c01 = нет поля `{ $field }`
field-field-should-be-expected-g-2f2f03 = поле `{ $field }` должно быть { $expected }, получено { $got }
unknown-method-method-845e4f = неизвестный метод `{ $method }`
not-hex-reason-in-text-1d827d = не шестнадцатеричное число: { $reason } в { $text }
not-a-json-object-reason-7ec568 = не объект JSON: { $reason }
len-bytes-over-the-max-byte-limi-65027b = { $len } байт, больше предела в { $max } байт
frame-too-short-len-bytes-6b24d9 = кадр слишком короткий ({ $len } байт)
crc-error-frame-says-actual-byte-c4ca1c = ошибка CRC: в кадре { $actual }, по байтам { $expected }
unsupported-function-code-code-d79ece = неподдерживаемый код функции { $code }
frame-length-actual-bytes-expect-37e843 = длина кадра { $actual } байт, ожидалось { $expected }
invalid-frame-reason-09328b = неверный кадр: { $reason }
response-does-not-match-request-e1319a = ответ не соответствует запросу: { $reason }
report-of-target-written-to-pdf-7c1c68 = протокол { $target } записан в { $pdf } (ступени в { $csv })
export-rows-written = { $n ->
    [one] экспортирована { $n } строка в { $path }
    [few] экспортированы { $n } строки в { $path }
   *[many] экспортировано { $n } строк в { $path }
}
attaching-to-the-broker-broker-9267b8 = подключение к брокеру { $broker }
detached-from-the-broker-broker-65af6c = отключено от брокера { $broker }
scan-port-started-bc0fd6 = поиск: { $port }, начат
saved-a-copy-of-the-recording-to-be2909 = копия записи сохранена в { $file } ({ $what })
the-copy-was-not-saved-reason-or-61907f = копия не сохранена: { $reason }; или оставьте поле файла пустым, чтобы выбрать его в диалоге сохранения
the-copy-was-not-saved-reason-28c49a = копия не сохранена: { $reason }
showing-the-recording-file-read-c5c8cc = показана запись { $file } (только чтение)
opened-the-recording-file-in-a-w-264a0b = запись { $file } открыта в отдельном окне
server-stopped-f214db = сервер остановлен
serial-connected-port-c7f6c7 = COM-порт: подключено { $port }
recording-to-file-2472d5 = запись в { $file }
the-modems-of-earlier-recordings-ea2418 = модемы из прежних записей неизвестны: { $reason }
old-recording-deleted-file-195cde = старая запись удалена: { $file }
demo-simulated-modems-stopped-5e069c = демо: имитируемые модемы остановлены
modems-known-earlier = { $n ->
    [one] из прежних записей известен { $n } модем
    [few] из прежних записей известны { $n } модема
   *[many] из прежних записей известно { $n } модемов
}
address-the-connection-was-close-fc4476 = { $address }: соединение закрыто другой стороной
cannot-connect-to-address-reason-d68741 = не удаётся подключиться к { $address }: { $reason }
a-serial-port-or-a-controller-on-35267f = COM-порт или контроллер в сети: tcp://HOST:502 (Modbus TCP, контроллер или шлюз) или rtu-over-tcp://HOST:PORT (прозрачный шлюз). Адрес ведомого тогда — его идентификатор устройства (unit id).
no-answer-in-ms-ms-608ccf = нет ответа за { $ms } ms

## src/app/settings.rs, src/proto/map/file.rs, file/entries.rs, file_bits.rs
cannot-read-it-reason-e9f561 = не удаётся прочитать: { $reason }
the-file-is-kept-as-file-351a06 = файл сохранён как { $file }
it-cannot-be-kept-aside-reason-s-33a449 = его не удаётся сохранить отдельно ({ $reason }), поэтому он не будет перезаписан: в этом сеансе настройки не сохраняются
settings-in-file-ignored-default-9d1a15 = настройки в { $file } не учтены (используются значения по умолчанию): { $problem }; { $outcome }
file-is-not-readable-settings-an-351f7e = { $file } не читается как настройки и не может быть сохранён отдельно ({ $reason }); не перезаписан
field-must-be-1-or-2-got-value-c021e8 = { $field }: должно быть 1 или 2, получено { $value }
field-only-for-condition-5239bb = { $field }: только при { $condition }
field-must-be-a-non-zero-number-dcee9a = { $field }: должно быть ненулевым числом, получено { $value }
field-flag-registers-take-their-ef43eb = { $field }: регистры `{ $flag }` берут коэффициент из { $setting }; удалите `{ $key }`
field-no-table-table-in-the-file-9abc7e = { $field }: в файле нет таблицы { $table }
field-value-is-not-first-or-seco-fa0fae = { $field }: { $value } — не { $first } и не { $second }
field-runs-past-address-last-d44e49 = { $field }: выходит за адрес { $last }
field-a-counter-pair-is-read-hig-672ebd = { $field }: пара счётчика читается старшей частью вперёд
field-must-be-a-number-got-value-779962 = { $field }: должно быть числом, получено { $value }
field-a-range-is-for-settings-co-5825c1 = { $field }: диапазон задаётся только для настроек ({ $condition })
field-min-min-is-above-max-max-63f270 = { $field }: минимум { $min } больше максимума { $max }
field-address-addr-is-already-de-40b9a8 = { $field }: адрес { $addr } уже определён в строке { $line }
field-first-and-second-are-requi-ee8e49 = { $field }: { $first } и { $second } обязательны
field-give-exactly-one-of-first-50086a = { $field }: укажите ровно одно из `{ $first }` или `{ $second }`
field-a-bit-range-of-a-holding-r-bd9fec = { $field }: бит { $range } регистра хранения
field-first-and-second-are-for-c-93645c = { $field }: { $first } и { $second } — только для { $condition }
field-gap-must-be-at-most-gap-ma-11807e = { $field }: { $gap } — не более { $gap_max }, { $hold } — от { $hold_min } до { $hold_max } (ms)
line-line-message-99dcaa = строка { $line }: { $message }
field-unknown-role-role-known-kn-3e91f2 = { $field }: неизвестная роль { $role } (известные: { $known })
field-needs-version-2-the-file-s-1bc721 = { $field }: требуется version = 2 (в файле version = 1)
error-in-source-bbefa0 = { $error } (в `{ $source }`)
field-expected-expected-got-got-bdcd81 = { $field }: ожидалось { $expected }, получено { $got }
field-this-program-reads-version-cf3d5e = { $field }: программа читает версии от 1 до { $newest }, версия файла { $version }
field-value-is-not-a-non-zero-he-8157c8 = { $field }: { $value } — не ненулевое шестнадцатеричное слово вида { $example }
field-must-be-a-positive-number-d6d763 = { $field }: должно быть положительным числом, получено { $value }
field-must-be-min-to-max-seconds-4b41aa = { $field }: должно быть от { $min } до { $max } секунд, получено { $value }
field-must-be-at-least-min-got-v-687414 = { $field }: должно быть не меньше { $min }, получено { $value }
field-value-is-not-a-modbus-func-8e562d = { $field }: { $value } — не функция Modbus, которую поддерживает программа ({ $known })
field-key-key-is-not-a-number-ra-1c9f7b = { $field }: ключ { $key } — не число { $range }
field-must-be-min-to-max-for-tab-3eb616 = { $field }: для { $table } должно быть от { $min } до { $max }, получено { $value }
field-sum-runs-past-last-251148 = { $field }: { $sum } выходит за { $last }
field-empty-0c8a98 = { $field }: пусто
field-must-be-min-to-max-aaf75c = { $field }: должно быть от { $min } до { $max }
field-the-register-at-addr-is-a-d68dd6 = { $field }: регистр по адресу { $addr } — пара или перечисление, а не слово битов
field-no-register-entry-at-addr-2fbf41 = { $field }: нет записи регистра по адресу { $addr } (добавьте её для этого слова, например { $example })
field-value-is-not-shutdown-trip-60a21e = { $field }: { $value } — не { $shutdown }, { $trip }, { $warning }, { $block }, { $summary } или { $status }
field-this-bit-is-already-define-68e6b4 = { $field }: этот бит уже определён в строке { $line }
connected-to-target-settings-89690c = подключено к { $target } ({ $settings })
scan-unit-slave-answers-at-port-c42ef4 = поиск: устройство { $slave } отвечает на { $port }
done-in-ms-ms-2e401e = выполнено за { $ms } ms
slave-slave-read-qty-table-from-581f72 = ведомый { $slave }: чтение { $qty } { $table } с { $addr }
slave-slave-write-coil-addr-valu-12d65e = ведомый { $slave }: запись катушки { $addr } = { $value }
slave-slave-write-register-addr-0e2814 = ведомый { $slave }: запись регистра { $addr } = { $value }
slave-slave-write-n-coils-from-a-aac472 = ведомый { $slave }: запись { $n } катушек с { $addr } = { $bits }
slave-slave-write-n-registers-fr-0daef2 = ведомый { $slave }: запись { $n } регистров с { $addr } = { $values }
found-unit-slave-use-it-e47955 = Найдено: устройство { $slave } (использовать)
a-controller-on-this-laptop-s-rs-13b83a = Контроллер на адаптере RS485/USB этого ноутбука или в сети (Modbus TCP)
fuel-level-741087 = Уровень топлива
mains-l1-n-c8e2ef = Сеть L1-N
mode-from-to-b672b9 = режим { $from } → { $to }
status-from-to-185f0c = состояние { $from } → { $to }
generator-breaker-closed-002716 = генераторный выключатель замкнут
generator-breaker-opened-b04023 = генераторный выключатель разомкнут
mains-breaker-closed-676607 = сетевой выключатель замкнут
mains-breaker-opened-bb170e = сетевой выключатель разомкнут
mains-returned-d99048 = сеть восстановилась
mains-failed-3ff46e = сеть пропала
engine-started-dfc172 = двигатель запущен
engine-stopped-fa10a2 = двигатель остановлен
name-on-when-first-read-292b24 = { $name } (была при первом чтении)
name-cleared-ff3512 = { $name }: сброшена
what-sent-uid-831d6d = { $what } отправлено (#{ $uid })
what-outcome-confirmed-by-the-re-baf453 = { $what }: { $outcome }, подтверждено показаниями (#{ $uid })
what-outcome-not-confirmed-by-th-5f648e = { $what }: { $outcome }, не подтверждено показаниями (#{ $uid })
what-outcome-uid-48fba7 = { $what }: { $outcome } (#{ $uid })
add-all-count-each-with-the-mode-b7e43a = Добавить все: { $count } (с выбранной моделью)
the-line-was-closing-66dc48 = линия закрывалась
port-is-open-at-open-a-slave-on-471707 = { $port } открыт с настройками { $open }; ведомый на той же линии использует те же настройки, а не { $asked }
requests-requests-responses-repl-635120 = запросов: { $requests }, ответов: { $responses }, тайм-аутов: { $timeouts }, ошибок CRC: { $crc }, исключений: { $exceptions }; ответ в среднем { $avg } мс, худший { $worst } мс
this-slave-b5db6a = Этот ведомый
the-whole-line-d1ec47 = Вся линия
the-port-is-in-use-by-the-slaves-a5f4d8 = Порт занят опрашиваемыми на нём ведомыми: отключите их, чтобы сканировать
this-line-is-open-with-slave-sla-795f28 = Эта линия открыта, ведомые: { $slaves }. «Подключить» добавит на неё ведомого { $slave }, опрос по очереди, со скоростью, чётностью и стоп-битами линии.
this-computer-has-no-folder-for-2d31a7 = на этом компьютере нет папки для карт
map-saved-name-path-used-from-no-810ef1 = карта сохранена: { $name } ({ $path }), используется с этого момента
a-one-off-read-is-for-a-controll-a3839f = разовое чтение — для контроллера на последовательном порту или в сети; модем присылает то, что опрашивает
reading-n-blocks-3e18f9 = чтение блоков: { $n }…
field-an-input-register-is-read-051752 = { $field }: входной регистр только для чтения, не уставка
a-map-of-the-maps-folder-was-not-e49c1e = карта из папки карт не загружена: { $error }
no-register-list-chosen-if-no-fi-c4672f = список регистров не выбран; если окно выбора файла не появилось, в этой системе его нет
the-scale-is-a-number-other-than-fe0cb0 = масштаб — число, отличное от 0, например 0,1
line-write-a-number-then-the-tex-c1ae6a = { $line }: напишите число, =, затем текст
map-editor-f37266 = Редактор карты
target-map-now-map-79e091 = { $target } · карта сейчас: { $map }
module-type-e-g-acme-ats-d5ec02 = тип модуля, например ACME-ATS
the-map-is-saved-for-this-module-819f32 = Карта сохраняется для этого типа модуля и используется для каждого такого контроллера
click-an-unnamed-value-in-the-va-bdbf9d = Щёлкните безымянное значение на вкладке «Значения», чтобы описать его.
reading-once-is-for-a-controller-475eb4 = Разовое чтение — для контроллера на последовательном порту или в сети, на связи
read-once-cc79ba = Прочитать раз
fc-addr-qty-the-read-function-01-3ac619 = FC:АДРЕС+КОЛ: функция чтения (01 катушки, 02 дискретные входы, 03 регистры хранения, 04 входные регистры), первый адрес, количество
read-0befe5 = Прочитать
find-blocks-from-1ebd48 = Найти блоки от
to-454824 = до
by-2bcc94 = по
find-1cd17a = Найти
reads-every-block-of-the-range-i-6694d5 = Читает каждый блок диапазона в каждой отмеченной таблице: ответившее появится на вкладке «Значения», отклонённое контроллером пропускается
scale-528e11 = Масштаб
value-raw-scale-e-g-0-1-68f3ce = значение = сырое × масштаб, например 0,1
words-74af2a = Слова
one-16-bits-6daaff = одно (16 бит)
two-32-bits-83dd7f = два (32 бита)
signed-712015 = со знаком
high-word-first-b08365 = старшее слово первым
low-word-first-171739 = младшее слово первым
states-87947f = Состояния
an-enumeration-one-value-meaning-f1d023 = Перечисление: по одному «значение = смысл» в строке
bits-bc2f99 = Биты
named-bits-of-a-status-word-one-1e92d0 = Именованные биты слова состояния: по одному «бит = имя» в строке (0 — младший)
role-2b7e39 = Роль
what-it-stands-for-the-overview-99b353 = Что это означает: обзор, журнал и отчёт находят значение по его роли
now-value-raw-raw-3dc393 = Сейчас: { $value } (сырое { $raw })
now-not-read-yet-7de4d8 = Сейчас: ещё не прочитано
update-230e94 = Обновить
add-to-the-map-17c7d8 = Добавить в карту
described-not-saved-yet-f7fd66 = Описано, ещё не сохранено:
edit-c76cb1 = Изменить
save-as-the-map-of-model-300f07 = Сохранить как карту { $model }
adds-the-entries-to-map-saved-in-cfb487 = Добавляет записи в { $map }, сохраняется в папке карт
a-new-map-saved-in-the-maps-fold-4b528c = Новая карта, сохраняется в папке карт
import-a-register-list-csv-bd9dcd = Импортировать список регистров (CSV)…
columns-address-name-unit-scale-77b0bc = Столбцы адрес, имя, единица, масштаб, таблица: таблица из руководства, вставленная в электронную таблицу
import-a-register-list-54db68 = Импорт списка регистров
register-list-csv-d91993 = Список регистров (CSV)
saving-79b37d = Сохранение…
map-editor-bea526 = Редактор карты…
name-scale-and-describe-the-valu-c3fa6d = Назовите, отмасштабируйте и опишите значения, которых нет в карте, и сохраните их как карту модели
not-in-the-map-click-to-name-and-3dbb91 = Нет в карте: щёлкните, чтобы назвать и описать
none-no-map-raw-values-80699f = нет (без карты: сырые значения)
table-addr-is-already-described-c56f40 = { $table } { $addr } уже описан как { $name }
table-addr-is-already-in-the-map-9889b3 = { $table } { $addr } уже есть в карте как { $name }
read-and-find-values-5a769f = Прочитать и найти значения
describe-a-value-first-click-one-683f50 = Сначала опишите значение (щёлкните его на вкладке «Значения») и укажите модель
slave-slave-is-already-polled-on-b23ccc = Ведомый { $slave } уже опрашивается на этой линии.
this-line-is-open-at-open-a-slav-a2cf27 = Эта линия открыта с настройками { $open }: ведомый на ней использует те же настройки, а не { $asked }.
slave-slave-865117 = ведомый { $slave }
save-the-map-e29aa5 = Сохранить карту
target-is-decoded-with-map-from-f661a5 = { $target } с этого момента декодируется по { $map }
name-not-saved-7e8793 = { $name } (не сохранено)
