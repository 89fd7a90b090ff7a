# es
# Machine-assisted translation: not yet reviewed by a native speaker.
## src/app/command_effect.rs
closed-ee50c5 = cerrado
open-5ec4c9 = abierto
on-342fd0 = activado
off-3a8a0a = desactivado
name-still-closed-8c59ec = { $name } sigue cerrado
name-still-open-c4e45c = { $name } sigue abierto
name-still-on-24b045 = { $name } sigue activado
name-still-off-d51a61 = { $name } sigue desactivado
mains-breaker-c15c51 = Interruptor de red
generator-breaker-7c34ee = Interruptor del generador
interlock-the-other-is-closed-cl-f55bb6 = ENCLAVAMIENTO: el { $other } está cerrado. Cerrar también el { $own } conectaría la red y el generador entre sí: el enclavamiento del controlador debería rechazarlo, y las lecturas mostrarán entonces el { $own } aún abierto.

## src/app/entry.rs
field-give-an-address-0-65535-7a7ac1 = { $field }: indique una dirección (0-65535)
field-text-is-not-a-hex-number-4abba8 = { $field }: { $text } no es un número hexadecimal
field-text-is-not-a-number-9ea213 = { $field }: { $text } no es un número
field-address-address-is-out-of-a663d3 = { $field }: la dirección { $address } está fuera de rango (0-65535)
field-give-a-value-ef1644 = { $field }: indique un valor
field-give-at-least-one-value-875d9b = { $field }: indique al menos un valor

## src/app/offline.rs
the-stale-marks-error-7de587 = las marcas de obsolescencia: { $error }
the-values-of-target-error-f1e800 = los valores de { $target }: { $error }
the-link-state-of-target-error-e88f21 = el estado del enlace de { $target }: { $error }
the-stale-marks-of-target-error-559137 = las marcas de obsolescencia de { $target }: { $error }
offline-at-this-moment-51c69d = fuera de línea en este momento
part-of-this-moment-cannot-be-re-ec8247 = parte de este momento no se puede leer: { $what }

## src/app/status.rs
listening-on-addr-modems-use-adv-45d99e = escuchando en { $addr }; los módems usan { $advertise }
login-hostid-hostname-model-from-5c8b0b = inicio de sesión { $hostid } "{ $hostname }" { $model } desde { $peer }
login-refused-hostid-from-peer-r-348921 = inicio de sesión RECHAZADO { $hostid } desde { $peer }: { $reason }
online-hostid-from-peer-replaced-ee139a = en línea { $hostid } desde { $peer } (sustituyó la conexión anterior)
online-hostid-from-peer-befba3 = en línea { $hostid } desde { $peer }
offline-hostid-reason-62f977 = fuera de línea { $hostid }: { $reason }
sent-uid-to-hostid-command-4da4c3 = enviado #{ $uid } a { $hostid }: { $command }
uid-hostid-outcome-detail-26ad05 = #{ $uid } { $hostid }: { $outcome } ({ $detail })
protocol-error-from-from-error-b20767 = error de protocolo de { $from }: { $error }
error-message-16f61c = error: { $message }
serial-target-open-settings-c9eae8 = puerto serie { $target } abierto ({ $settings })
target-down-reason-a40a38 = { $target } caído: { $reason }
serial-target-lost-reason-e263cc = puerto serie { $target } perdido: { $reason }
target-hostname-model-up-through-5f9f1d = { $target } "{ $hostname }" { $model } activo a través de { $broker }
target-hostname-model-up-through-a789cc = { $target } "{ $hostname }" { $model } activo a través de { $broker } (su puente no acepta comandos)
broker-broker-connected-1827f0 = bróker { $broker } conectado
broker-broker-disconnected-reaso-62dee3 = bróker { $broker } desconectado: { $reason }; reintentando
target-detached-25e096 = { $target } desvinculado
scan-slave-slave-answers-at-baud-63330e = escaneo: el esclavo { $slave } responde a { $baud } baudios en { $port }
scan-error-4bbce0 = escaneo: { $error }
serial-target-closed-dc9b4e = puerto serie { $target } cerrado
disconnected-2ab1aa = desconectado
timeout-f68388 = tiempo agotado
shutdown-206a4b = cierre
accepted-c03140 = aceptado
rejected-7f6847 = rechazado
gone-62aaae = desaparecido

## src/report/embed.rs
page-page-of-pages-8f0bf4 = página { $page } de { $pages }

## src/report/limits.rs
nominal-voltage-line-to-neutral-c275eb = Tensión nominal, fase-neutro
nominal-frequency-b7bc35 = Frecuencia nominal
voltage-band-of-nominal-bddf23 = Banda de tensión, ± % del nominal
frequency-band-of-nominal-c9bd57 = Banda de frecuencia, ± % del nominal
minimum-power-factor-under-load-d35b02 = Factor de potencia mínimo (con carga)
maximum-coolant-temperature-569b25 = Temperatura máxima del refrigerante
minimum-oil-pressure-5f1af6 = Presión mínima de aceite
judged-from-after-the-step-s-sta-e5dfdb = Evaluado desde, tras el inicio del escalón
the-default-voltage-and-frequenc-3c1553 = Las bandas de tensión y frecuencia por defecto siguen las bandas en régimen permanente de la clase de rendimiento G2 de ISO 8528-5 (desviación de tensión en régimen permanente ±2,5 %; banda de frecuencia en régimen permanente 1,5 %, tomada como ±0,75 % respecto al nominal); la evaluación empieza 10 s después del inicio de cada escalón, pasados los tiempos de recuperación de G2. Son valores por defecto para una comprobación de puesta en servicio, no un ensayo según la norma: no se declara conformidad con ISO 8528-5.
pass-965098 = APTO
fail-438d2d = NO APTO
no-nominal-enter-it-8e25d7 = sin valor nominal: introdúzcalo
nominal-unit-band-low-to-high-65e0e3 = { $nominal } { $unit } ±{ $band } %: { $low } a { $high }
no-readings-bd535b = sin lecturas
limit-no-readings-after-the-sett-3695cd = { $limit } (sin lecturas tras el tiempo de estabilización)
at-least-min-under-load-no-load-b28e55 = mínimo { $min } con carga; sin carga
at-least-min-b87177 = mínimo { $min }
at-most-max-c-214184 = máximo { $max } °C
at-least-min-kpa-27c42d = mínimo { $min } kPa
the-map-gives-unit-not-judged-01fe14 = el mapa da { $unit }: no evaluado

## src/report/mod.rs
cannot-write-path-reason-06d190 = no se puede escribir { $path }: { $reason }
seconds-s-0f06fd = { $seconds } s
minutes-min-seconds-s-a9d8c8 = { $minutes } min { $seconds } s
hours-h-minutes-min-614353 = { $hours } h { $minutes } min
generator-set-commissioning-repo-a3e821 = Informe de puesta en servicio del grupo electrógeno
made-made-from-the-recording-fil-9677fc = Generado el { $made } a partir de la grabación { $file } (lecturas de { $from } a { $to }); las horas son la hora local de este ordenador, con su desfase respecto a UTC.
read-from-the-controller-and-the-403394 = Leído del controlador y del módem
counters-ee5e10 = Contadores
counter-0f33c3 = Contador
start-of-the-recording-67b608 = Inicio de la grabación
read-at-ebe0ca = leído el
end-of-the-recording-491517 = Fin de la grabación
difference-a75162 = Diferencia
commands-sent-audit-trail-8ec281 = Comandos enviados (registro de auditoría)
no-command-was-sent-f160ae = No se envió ningún comando.
no-outcome-recorded-c01c2a = sin resultado registrado
confirmed-a0440e = confirmado
not-confirmed-43508f = NO confirmado
sent-8dfb9f = Enviado
command-7c8f52 = Comando
outcome-dfaed3 = Resultado
readings-f6b638 = Lecturas
markers-and-notes-2925b4 = Marcadores y notas
none-e3244f = Ninguno.
time-e4e404 = Hora
note-40c15d = Nota
deviations-c58785 = Desviaciones
none-recorded-edc1bd = Ninguna registrada.
signatures-f3a55a = Firmas
commissioning-engineer-ffaadd = Ingeniero de puesta en servicio
witness-fa5bcc = Testigo
customer-f3c039 = Cliente
job-job-15ebb7 = Trabajo { $job }
settings-read-from-the-controlle-2dc3d9 = Ajustes leídos del panel del controlador
changed-29e89b = modificado
setting-9f754b = Ajuste
as-found-bc42a9 = Al llegar
as-left-9532fe = Al salir
changed-during-the-visit-004144 = Modificado durante la visita
from-the-snapshot-first-first-ti-ceabed = Desde la instantánea "{ $first }" ({ $first_time }) hasta "{ $last }" ({ $last_time }).
no-setting-or-state-differs-ada46b = Ningún ajuste ni estado difiere.
value-47f96a = Valor
where-dad0f8 = Ubicación
summary-a44713 = resumen
warning-2112ef = advertencia
trip-9433ea = disparo
block-0cbd62 = bloqueo
alarms-from-the-journal-90508e = Alarmas (del diario)
no-alarm-came-on-while-recorded-309ba3 = No se activó ninguna alarma durante la grabación.
each-alarm-as-it-came-on-with-th-f894d1 = Cada alarma al activarse, con las lecturas de ese momento. Cuando varias se activaron juntas (en 5 s), la primera se marca como "primera": lo que disparó primero.
after-first-3e7db1 = tras { $first }
on-at-ddcc15 = Activación
alarm-21c77a = Alarma
first-out-3d96c8 = Primera
speed-6b8020 = Velocidad
frequency-9206a1 = Frecuencia
power-49a5e6 = Potencia
alarm-at-time-with-f20cd4 = { $alarm } a las { $time }{ $with }
the-trip-is-at-the-middle-of-the-41b2ef = El disparo está en el centro del gráfico.
and-more-more-cmmctl-journal-fil-941336 = {"."}.. y { $more } más: `cmmctl journal { $file } --kind alarm_on` las lista todas.
protection-tests-c9973f = Pruebas de protección
passed-of-tests-tests-passed-a-t-df4560 = { $passed } de { $tests } pruebas superadas. Una prueba se marca sola cuando la grabación muestra que su alarma se activa; el tiempo de parada se mide hasta que la velocidad del motor (o la frecuencia) marca 0.
pass-recorded-76abbf = APTO (grabado)
stop-not-seen-dc5ef7 = parada no observada
pass-by-hand-76a065 = APTO (a mano)
not-tested-eceb87 = no probado
test-fcbe05 = Prueba
result-4af044 = Resultado
time-to-stop-b4d027 = Tiempo de parada

## src/report/model.rs
site-38a36e = Emplazamiento
customer-s-representative-f1b360 = Representante del cliente
job-number-71ca45 = Número de trabajo
engineer-6dbd38 = Ingeniero
genset-make-c126a3 = Marca del grupo
genset-model-ae17be = Modelo del grupo
genset-serial-number-d4de26 = N.º de serie del grupo
genset-rating-kva-kw-v-hz-44f8ca = Potencia del grupo (kVA / kW, V, Hz)
engine-make-24657b = Marca del motor
engine-model-358356 = Modelo del motor
engine-serial-number-3334ce = N.º de serie del motor
engine-rating-kw-rpm-dc4912 = Potencia del motor (kW, rpm)
alternator-make-df7e5f = Marca del alternador
alternator-model-117aaa = Modelo del alternador
alternator-serial-number-df208a = N.º de serie del alternador
alternator-rating-kva-v-hz-31843b = Potencia del alternador (kVA, V, Hz)
controller-serial-number-5c7210 = N.º de serie del controlador
ambient-temperature-c-3883d3 = Temperatura ambiente (°C)
altitude-m-9da555 = Altitud (m)
load-bank-make-and-model-d03bb9 = Marca y modelo del banco de carga
load-bank-rating-kw-kvar-b1ed68 = Potencia del banco de carga (kW / kvar)
load-bank-type-resistive-reactiv-ac66d5 = Tipo de banco de carga (resistivo, reactivo)
site-and-people-cb9dca = Emplazamiento y personas
nameplates-048767 = Placas de características
conditions-and-load-bank-4983b8 = Condiciones y banco de carga
voltage-l1-n-6bd343 = Tensión L1-N
voltage-l2-n-4387de = Tensión L2-N
voltage-l3-n-c413b5 = Tensión L3-N
voltage-l1-l2-c27141 = Tensión L1-L2
voltage-l2-l3-49a6d1 = Tensión L2-L3
voltage-l3-l1-a65b1a = Tensión L3-L1
current-l1-1e53d5 = Corriente L1
current-l2-1e4f1c = Corriente L2
current-l3-1e50af = Corriente L3
active-power-5b2ade = Potencia activa
apparent-power-62f03d = Potencia aparente
power-factor-ac3795 = Factor de potencia
engine-speed-80ac1c = Velocidad del motor
oil-pressure-39d846 = Presión de aceite
coolant-temperature-d39a53 = Temperatura del refrigerante
battery-voltage-078268 = Tensión de batería
run-hours-d9a79d = Horas de funcionamiento
starts-463de4 = Arranques
energy-278db5 = Energía
no-site-no-steps-no-tests-make-i-956e1a = sin emplazamiento, sin escalones, sin pruebas: ¿generarlo de todos modos?
the-recording-has-no-target-targ-874edc = la grabación no tiene el destino { $target }
the-recording-holds-no-target-to-0f6761 = la grabación no contiene ningún destino sobre el que informar
the-recording-holds-several-targ-c08ea5 = la grabación contiene varios destinos; indique uno con --target ({ $targets })

## src/report/pdf.rs
name-name-e401e9 = Nombre: { $name }
signature-f33595 = Firma:
date-cb7279 = Fecha:

## src/report/plot.rs
no-data-bba6ae = sin datos

## src/report/readings.rs
controller-model-6bc710 = Modelo del controlador
software-version-e293fc = Versión de software
hardware-version-1589b5 = Versión de hardware
software-date-bc77e4 = Fecha del software
register-map-0c3ff6 = Mapa de registros
modem-through-broker-fdec15 = Módem a través de bróker
hostid-broker-broker-4114e3 = { $hostid } (bróker { $broker })
modem-hostid-721074 = hostid del módem
serial-target-096c9e = Destino serie
modem-name-e68714 = Nombre del módem
reported-model-b7676b = Modelo informado

## src/report/steps.rs
the-engine-stopping-54403a = la parada del motor
ended-by-reason-at-time-2b2a50 = , terminado por { $reason } a las { $time }
not-ended-1bb179 = {" "}(no terminado)
short-under-half-the-planned-tim-e290f1 = ; CORTO: menos de la mitad del tiempo previsto
limits-no-load-step-was-recorded-67ccb6 = Límites: no se grabó ningún escalón de carga, no se evaluó nada.
limits-the-steps-are-judged-agai-3b35b3 = Límites con los que se evalúan los escalones
not-entered-and-not-recognised-i-04b743 = no introducido, ni reconocido en las lecturas
entered-5d3c54 = introducido
the-controller-s-own-setting-3ce672 = el propio ajuste del controlador
assumed-the-standard-value-neare-1ffea9 = supuesto: el valor normalizado más cercano a las lecturas (introdúzcalo para asegurarse)
default-3b5bde = por defecto
limit-964ad4 = Límite
from-743595 = Origen
no-limits-were-entered-in-this-r-362aeb = No se introdujeron límites en esta grabación: se aplican los valores por defecto.
limit-text-is-not-a-number-the-d-6a9c43 = { $limit }: "{ $text }" no es un número; se aplica el valor por defecto.
load-steps-0682ee = Escalones de carga
the-figures-rest-on-readings-eve-98ad85 = Las cifras se basan en lecturas cada { $interval }: una caída o un pico más breve no se detecta.
no-load-step-was-recorded-e9d69b = No se grabó ningún escalón de carga.
fail-values-e3156d = NO APTO: { $values }
not-run-e97577 = no ejecutado
step-71f92f = Escalón
started-b5823e = Inicio
lasted-planned-cbc8ab = Duración / prevista
mean-kw-cc7b06 = kW medios
mean-hz-155012 = Hz medios
alarms-2c532b = Alarmas
limits-9784e5 = Límites
step-step-from-to-to-status-c708cf = Escalón "{ $step }": { $from } a { $to }{ $status }
low-to-high-b5fa56 = { $low } a { $high }
unit-e16627 = Unidad
minimum-238a97 = Mínimo
mean-bdc074 = Media
maximum-955e21 = Máximo
judged-8aea60 = Evaluado
judged-the-lowest-and-highest-re-b52104 = Evaluado: la lectura más baja y la más alta desde { $settle } tras el inicio del escalón hasta su fin.
no-alarm-during-the-step-6efaa3 = Ninguna alarma durante el escalón.
alarm-at-time-alarm-780aef = Alarma a las { $time }: { $alarm }

## src/report/steps_csv.rs
step-441a0f = escalon
start-2b04df = inicio
end-8e75aa = fin
duration-s-6576ff = duracion_s
planned-s-64d947 = previsto_s
value-5ed3ca = valor
unit-b51a07 = unidad
min-8f4557 = min
mean-de2954 = media
max-a2e319 = max
alarms-658e0b = alarmas
judged-min-b42b1f = evaluado_min
judged-max-a0b971 = evaluado_max
limit-dad934 = limite
result-377624 = resultado

## src/store/export.rs
time-3c9be4 = hora
target-608848 = destino
name-39bde6 = nombre
raw-ff12f1 = bruto

## src/ui/broker_ui.rs
give-the-broker-s-address-e-g-mq-d32e02 = indique la dirección del bróker, p. ej. mqtts://broker.example.com:8883
topic-prefix-prefix-give-a-topic-58d9fe = prefijo de tema { $prefix }: indique un nivel de tema sin + ni # (cmm por defecto)
a-ca-file-is-for-mqtts-only-65f72c = un archivo de CA es solo para mqtts://
broker-broker-connecting-91a847 = bróker { $broker }: conectando
broker-broker-not-connected-reas-7b77f5 = bróker { $broker }: no conectado ({ $reason }); reintentando
attach-to-broker-68312a = Vincular a un bróker
the-modems-a-cmmctl-serve-mqtt-p-cf6a0c = Los módems que un cmmctl serve --mqtt publica en este bróker aparecen como destinos mqtt:HOSTID, con las mismas vistas. Los comandos requieren un puente ejecutado con --mqtt-commands, sobre mqtts:// con credenciales.
broker-c941d4 = Bróker
user-a63e12 = Usuario
none-a7afdb = ninguno
password-c30838 = Contraseña
kept-for-this-run-only-never-sav-f78834 = solo para esta ejecución, nunca se guarda
ca-file-167965 = Archivo de CA
mqtts-the-system-s-certificates-ee613c = mqtts://: los certificados del sistema
topic-prefix-5bb6e8 = Prefijo de tema
attach-again-f9fcb0 = Volver a vincular
attach-a92e64 = Vincular
detach-5c52d2 = Desvincular
close-86acc3 = Cerrar

## src/ui/commission_ui.rs
commissioning-43e3d8 = Puesta en servicio
select-a-modem-or-a-serial-targe-857411 = Seleccione primero un módem o un destino serie en la lista.
nothing-is-being-recorded-a-comm-4253f5 = No se está grabando nada: la puesta en servicio se guarda en la grabación. Inicie la aplicación sin --no-record.
recording-shown-read-only-entrie-249bb7 = (grabación en solo lectura: no se pueden cambiar las entradas)
not-in-the-recording-yet-reason-95d001 = Aún no está en la grabación: { $reason }
reading-the-recording-b050e5 = leyendo la grabación…
site-people-nameplates-and-load-287768 = Emplazamiento, personas, placas y banco de carga
what-differs-from-the-specificat-e7ff12 = lo que difiere de la especificación y lo que queda por hacer
save-to-the-recording-da3ee1 = Guardar en la grabación
count-not-saved-yet-69646e = { $count } sin guardar aún
equipment-and-counters-3cff03 = Equipos y contadores
read-from-the-recording-once-it-3ea972 = se lee de la grabación cuando tenga lecturas
start-at-the-start-of-the-record-5214ee = { $start } al inicio de la grabación ({ $start_time }), { $end } a las { $end_time }
running-step-for-duration-7d8d87 = En curso: { $step } durante { $duration }
duration-left-49ac53 = (quedan { $duration })
planned-time-reached-08bcf1 = (tiempo previsto alcanzado)
end-the-step-8e9f4d = Terminar el escalón
no-step-running-b00c93 = Ningún escalón en curso
minutes-d9968e = Minutos
recorded-ec27dd = Grabado
mean-kw-kw-6f1096 = media { $kw } kW
running-6647fd = (en curso)
start-step-517c97 = Iniciar escalón
start-this-step-now-ends-the-run-6da5ba = Iniciar este escalón ahora (termina el que está en curso)
remove-a5901d = Quitar
remove-from-the-plan-5c1493 = Quitar del plan
add-a-step-1aa42f = Añadir un escalón
step-number-869d6c = Escalón { $number }
default-steps-5afb31 = Escalones por defecto
within-limits-d968fa = dentro de límites
fail-limits-b7b7a7 = NO APTO: { $limits }
done-of-total-passed-a-test-tick-e650e1 = { $done } de { $total } superadas. Una prueba se marca sola cuando la grabación muestra que su alarma se activa.
stopped-after-duration-64501e = parado tras { $duration }
passed-recorded-time-stop-09167c = Superada, grabada { $time }, { $stop }
passed-by-hand-time-206ee8 = Superada a mano { $time }
passed-by-hand-time-note-4555a0 = Superada a mano { $time }: { $note }
undo-fd4acf = Deshacer
how-it-was-tested-83a17c = cómo se probó
passed-4b3fb9 = Superada
tick-by-hand-with-the-note-4d091f = Marcar a mano, con la nota
another-test-e-g-load-rejection-739b24 = otra prueba (p. ej. rechazo de carga)
snapshot-370fad = Instantánea
read-every-block-the-map-names-a-3b07ab = Leer cada bloque que nombra el mapa (y los rangos adicionales) y guardar los valores, con la etiqueta "{ $label }", para comparar
keep-every-value-the-target-repo-358afa = Guardar todos los valores que el destino informa ahora, con la etiqueta "{ $label }", para comparar
also-read-9f054e = leer también
ranges-the-map-does-not-name-rea-6f3c1c = Rangos que el mapa no nombra: función de lectura, primera dirección, cantidad
as-found-eaea89 = al llegar
as-left-390c5e = al salir
save-the-commissioning-report-291806 = Guardar el informe de puesta en servicio
report-file-c4c4f7 = Archivo del informe
ask-where-save-dialog-5899cb = preguntar dónde (diálogo de guardado)
in-387a9e = en
the-report-s-language-whatever-t-4a20c7 = El idioma del informe, sea cual sea el de la ventana
make-the-report-278bae = Generar el informe
pdf-with-the-load-steps-as-csv-b-937c54 = PDF, con los escalones de carga en CSV al lado
nothing-entered-for-this-target-bac889 = Nada introducido para este destino: { $warning }
make-it-anyway-5fb179 = Generarlo de todos modos
cancel-afca3b = Cancelar

## src/ui/config_ui.rs
configuration-5ee459 = Configuración
not-read-3b3876 = no leído
now-value-9868e0 = ahora { $value }
min-to-max-unit-b9b610 = { $min } a { $max } { $unit }
allowed-range-426798 = permitido: { $range }
set-name-76c592 = Ajustar { $name }…

## src/ui/diagram_ui.rs
mains-and-generator-in-parallel-a968d8 = red y generador (en paralelo)
mains-1487a1 = red
generator-ec35c2 = generador
not-known-no-breaker-state-read-15d904 = desconocido (no se leyó el estado del interruptor)
nothing-the-load-is-dead-cff02b = nada: la carga está sin tensión
single-line-diagram-mains-mains-a68b0c = Esquema unifilar: red { $mains }, interruptor de red { $mains_breaker }, interruptor del generador { $gen_breaker }, generador { $generator }; carga alimentada por { $fed_by }
live-f017af = con tensión
dead-df2b27 = sin tensión
single-line-diagram-no-data-the-1ccaac = Esquema unifilar: sin datos (el destino está fuera de línea)
mains-0f0a41 = Red
generator-798b62 = Generador
gen-breaker-2f5835 = Int. generador
load-afa209 = Carga
## src/ui/editor_ui.rs
remote-control-blocked-reason-53984a = Control remoto bloqueado: { $reason }
override-i-am-at-the-set-and-it-826a69 = Anular: estoy junto al grupo y es seguro
no-remote-commands-known-for-thi-ed9a83 = No se conocen comandos remotos para este modelo.
register-39c9e0 = Registro
addr-d75f72 = dir.
write-f809b8 = Escribir…
coil-795552 = Bobina
on-cc760c = Activar…
off-3362ea = Desactivar…
registers-f85269 = Registros
from-cd8075 = desde
v1-v2-or-v1-v2-dae2d5 = v1, v2 o v1; v2
each-value-in-its-register-s-uni-0bd7d7 = Cada valor en la unidad de su registro; con ';' entre valores, 25,5 es 25.5
modem-port-now-494dd6 = Puerto del módem ahora:
its-login-did-not-say-choose-bot-d535a8 = (su inicio de sesión no lo indicó: elija ambos)
set-to-c2cd88 = Fijar en
at-251588 = a
choose-30653c = elegir…
baud-cdc48d = baudios
choose-the-port-and-the-baud-fir-e02866 = Elija primero el puerto y los baudios
this-is-the-modem-s-setting-alre-d88c38 = El módem ya tiene este ajuste
set-port-and-baud-36a853 = Fijar puerto y baudios…
reset-modem-8aadba = Reiniciar módem…
sent-waiting-0364be = enviado, esperando…
confirmed-by-the-readings-6e9ded = confirmado por las lecturas
not-seen-in-the-readings-hint-c30dfd = NO visto en las lecturas: { $hint }
not-confirmed-unmet-after-secs-s-cb1d29 = no confirmado: { $unmet } tras { $secs } s
not-seen-in-the-readings-within-42c1be = NO visto en las lecturas en { $secs } s
checking-the-readings-b4dea9 = comprobando las lecturas…
write-log-023b06 = Registro de escrituras
port-at-baud-7899f1 = { $port } a { $baud }
unknown-port-d2b304 = puerto desconocido
unknown-baud-29aebf = baudios desconocidos
set-the-modem-s-own-serial-port-dcc8d2 = Fijar el puerto serie propio del módem: { $from } -> { $to } (modulePort { $port }, moduleBaud { $baud })
reset-the-modem-it-drops-the-con-c2a3a2 = Reiniciar el módem: corta la conexión y vuelve a iniciar sesión
not-sent-reason-c43b1c = No enviado. { $reason }
send-to-the-controller-952e2a = ¿Enviar al controlador?
send-to-the-modem-f188a6 = ¿Enviar al módem?
target-name-hostid-979402 = Destino: { $name } { $hostid }
slave-slave-f354b7 = Esclavo { $slave }
frame-frame-4cff51 = Trama: { $frame }
updated-keys-typed-before-the-cl-1bebe8 = Actualizado: teclas pulsadas antes del clic llegaron después (método de entrada).
send-8e14cf = Enviar
commands-1550f3 = Comandos
select-a-modem-d12e8a = Seleccione un módem.
seen-through-the-broker-broker-i-db85b2 = Visto a través del broker { $broker }. Su puente no acepta comandos (cmmctl serve se ejecuta sin --mqtt-commands): solo lectura.
through-the-broker-broker-each-c-f291a4 = A través del broker { $broker }: cada comando va a su puente, que lo vuelve a comprobar.
no-register-writes-reason-991d1f = Sin escritura de registros: { $reason }.

## src/ui/file_dialog.rs
no-map-file-chosen-if-no-file-di-f9fd94 = no se eligió archivo de mapa; si no apareció ningún diálogo de archivos, este sistema no tiene (sin portal de escritorio): escriba la ruta del archivo en Mapas > Cargar archivo de mapa
no-file-chosen-for-the-export-42c8cc = no se eligió archivo para la exportación
no-file-chosen-for-the-report-910764 = no se eligió archivo para el informe

## src/ui/fleet_ui.rs
name-e07306 = Nombre
modem-port-b6fba3 = Módem / puerto
model-85e8fa = Modelo
link-08e589 = Enlace
mode-4e7732 = Modo
status-5ef20f = Estado
last-seen-877718 = Último contacto
offline-8b9928 = fuera de línea
alarm-ebecda = alarma
no-login-yet-54b22a = (aún sin inicio de sesión)
fleet-name-9f7576 = flota { $name }
sort-by-column-8c9f06 = ordenar por { $column }
fleet-5615cf = Flota
fleet-filter-89c0ef = Filtro de flota
name-id-model-mode-alarm-offline-fb08c3 = nombre, id, modelo, modo, alarma, fuera de línea

## src/ui/fonts.rs
no-font-on-this-computer-draws-c-c628b0 = Ninguna fuente de este equipo dibuja { $count } de estos caracteres ({ $list }): aquí se ven como recuadros. El texto se guarda tal como se escribió.

## src/ui/hand_settings_ui.rs
setpoints-modbus-cannot-read-typ-9186e2 = Consignas que Modbus no puede leer: escríbalas desde el panel del controlador tal como se encontraron al llegar y como se dejaron, y luego Conservar.
range-11e772 = Rango
another-setting-7828a8 = Otro ajuste
its-name-on-the-panel-87ccd8 = su nombre en el panel
add-c3aa14 = Añadir
keep-count-edited-ff32e7 = Conservar ({ $count } editados)

## src/ui/handover_ui.rs
export-csv-58f993 = Exportar CSV
the-start-or-yyyy-mm-dd-hh-mm-ss-c617b4 = el inicio (o AAAA-MM-DD hh:mm:ss)
to-f59644 = Hasta
the-end-b88649 = el final
file-183663 = Archivo
values-4d225b = Valores
the-plotted-ones-934e69 = los graficados
all-254bc4 = todos
layout-88421f = Formato
wide-a-column-per-value-23379a = ancho (una columna por valor)
long-a-row-per-change-816762 = largo (una fila por cambio)
times-53a755 = Horas
utc-else-local-time-with-its-off-a5fc28 = UTC (si no, hora local con su desfase)
for-7e1b30 = Para
a-spreadsheet-excel-873f68 = una hoja de cálculo (Excel)
opens-right-by-double-click-c-an-6fbb3f = Se abre bien con doble clic: °C, Ω y nombres no latinos, ; entre campos, separador decimal de este equipo
scripts-plain-csv-614748 = scripts (CSV simple)
comma-separated-decimal-point-no-199198 = Separado por comas, punto decimal, sin marca de orden de bytes
export-6349d3 = Exportar
export-the-recording-as-csv-3b4d4d = Exportar la grabación como CSV
save-a-copy-of-the-recording-472439 = Guardar una copia de la grabación
targets-a08d81 = Destinos
only-name-160e3e = solo { $name }
only-the-selected-one-b25095 = solo el seleccionado
save-2d5d68 = Guardar
recording-5cf20c = Grabación
from-is-after-to-660bb2 = Desde es posterior a Hasta
no-target-is-selected-733936 = no hay ningún destino seleccionado
nothing-is-plotted-choose-all-or-716e26 = no hay nada graficado: elija "todos" o grafique los valores a exportar

## src/ui/help_ui.rs
not-kept-no-home-folder-469fe7 = (no se guarda: sin carpeta personal)
help-9df01a = Ayuda
serves-smartgen-cmm365-cmm366-cl-a24a83 = Da servicio a los módems en la nube SmartGen CMM365/CMM366 desde este portátil y consulta controladores en su puerto serie.
point-a-modem-at-this-laptop-bd4651 = Apuntar un módem a este portátil
t-1-put-the-laptop-on-a-network-th-432822 = 1. Conecte el portátil a una red que el módem alcance (la LAN del sitio; un módem 4G necesita una dirección pública o una redirección de puertos).
t-2-in-the-modem-s-configuration-s-acc677 = 2. En la configuración del módem, ponga como dirección del servidor una de las direcciones de la barra de estado (haga clic en una para copiarla), puerto { $port }.
t-3-the-modem-logs-in-opens-its-lo-cce604 = 3. El módem inicia sesión, abre su conexión persistente y aparece a la izquierda como en línea. Los módems reales se reconectan solos cada 4 a 25 minutos.
port-and-firewall-f3ed8d = Puerto y cortafuegos
the-server-listens-on-tcp-port-p-b0828d = El servidor escucha en el puerto TCP { $port } (se cambia en Archivo > Ajustes). Permítalo en el cortafuegos:
on-linux-a-serial-adapter-needs-665e01 = En Linux, un adaptador serie requiere el grupo dialout: sudo usermod -aG dialout $USER y después vuelva a iniciar sesión.
where-things-are-kept-023e49 = Dónde se guarda cada cosa
settings-file-3cd5ba = Ajustes: { $file }
logs-and-crash-reports-folder-0433e5 = Registros e informes de fallos: { $folder }
the-app-s-log-file-in-that-folde-697457 = Registro de la aplicación: { $file } en esa carpeta (lo que dice el registro de eventos, cómo arrancó la aplicación y con qué renderizador; { $size } MiB, luego se mueve a .1, se guardan { $kept } anteriores)
window-size-and-panel-layout-kep-92db7d = Tamaño de ventana y disposición de paneles: los guarda el almacenamiento de aplicaciones del sistema de ventanas (eframe).
keyboard-d1a714 = Teclado
this-help-c9cbd0 = esta ayuda
esc-a03a5e = Esc
close-a-dialog-without-sending-dbd30e = cerrar un diálogo sin enviar
ctrl-ctrl-a6d5c2 = Ctrl + / Ctrl -
larger-or-smaller-text-aa4a36 = texto más grande o más pequeño
ctrl-0-abfd14 = Ctrl 0
text-size-back-to-normal-4df5c2 = volver al tamaño de texto normal
ctrl-c-ac7fbd = Ctrl C
copy-selected-text-traffic-inspe-06c098 = copiar el texto seleccionado (inspector de tráfico, diálogos)
tab-8358ec = Tab
next-field-57e254 = campo siguiente
ctrl-f-ac77de = Ctrl F
the-filter-of-the-values-table-o-ec7b68 = el filtro de la tabla de valores o de la flota
up-down-702e73 = Arriba / Abajo
previous-or-next-target-alt-up-a-f18cba = destino anterior o siguiente (Alt+Arriba / Alt+Abajo al escribir)
enter-f863ad = Enter
in-the-fleet-open-the-selected-t-62ed76 = en la flota: abrir el destino seleccionado
ctrl-1-2-3-1adfc4 = Ctrl 1 / 2 / 3
overview-values-fleet-24f494 = Resumen, Valores, Flota
load-a-register-map-eac6d5 = Cargar un mapa de registros
map-file-2c7c5d = Archivo de mapa
path-to-map-toml-f6722c = /ruta/al/mapa.toml
browse-b63f91 = Examinar…
register-map-toml-cd22c1 = Mapa de registros (TOML)
loaded-map-cf9948 = Cargado: { $map }
maps-in-use-first-match-wins-4c2506 = Mapas en uso, gana la primera coincidencia:

## src/ui/journal_ui.rs
select-a-target-to-see-its-journ-43971c = Seleccione un destino para ver su diario.
the-journal-is-read-from-the-rec-500195 = El diario se lee de la grabación, y no se está grabando nada (la aplicación se inició sin grabación).
show-742e5c = Mostrar
every-kind-10830e = todos los tipos
read-again-0dcc5d = Volver a leer
read-the-journal-from-the-record-78fcef = Leer ahora el diario desde la grabación
reading-dca625 = leyendo…
nothing-of-this-kind-recorded-fo-0258a5 = Nada de este tipo grabado para este destino.
show-60-s-the-plots-around-this-b0751c = Mostrar ±60 s: los gráficos en torno a este momento
first-out-count-more-came-on-aft-5190c6 = Primera alarma: { $count } más se activaron después.
came-on-after-first-the-first-ou-dcf376 = Se activó después de { $first }, la primera alarma.
alarm-on-897dda = alarma activada
alarm-off-5d1bac = alarma desactivada
mode-6ee012 = modo
status-4b77ef = estado
breaker-fb0f4f = interruptor
stop-532ae5 = parada
command-594ab2 = comando
verdict-805e56 = veredicto
link-db0669 = enlace
marker-f83197 = marcador

## src/ui/limits_ui.rs
default-value-e8e79b = por defecto { $value }
value-from-the-controller-bdfc45 = { $value } del controlador
assumed-value-from-the-readings-0c150e = { $value } supuesto según las lecturas
from-the-readings-or-enter-it-47e031 = de las lecturas, o introdúzcalo
each-load-step-s-values-are-judg-beb00f = Los valores de cada escalón de carga se evalúan con estos (vacío: el valor por defecto). Las bandas por defecto siguen las de régimen permanente de la clase G2 de ISO 8528-5; no se declara conformidad con la norma.
unit-not-a-number-61545e = { $unit }: no es un número
save-the-limits-b4f571 = Guardar los límites

## src/ui/map_picker_ui.rs
by-model-map-9494e1 = por modelo: { $map }
map-a7f051 = Mapa
by-model-03f8c9 = Por modelo
decode-this-target-with-another-d2fba4 = Decodificar este destino con otro mapa (se recuerda para él). Un módem sigue consultando lo que pide el mapa de su modelo.

## src/ui/menu_ui.rs
settings-d0d0b4 = Ajustes…
connect-serial-fc6659 = Conectar serie…
attach-to-broker-c7ab6a = Conectar a broker…
see-the-modems-a-cmmctl-serve-mq-4f64b8 = Ver los módems que un cmmctl serve --mqtt publica en un broker MQTT
commissioning-1f5384 = Puesta en servicio…
load-steps-protection-tests-and-af22d8 = Escalones de carga, pruebas de protección e informe del destino seleccionado
export-csv-c354ed = Exportar CSV…
save-a-copy-of-the-recording-22b7af = Guardar una copia de la grabación…
one-file-to-hand-over-usb-stick-75d9a4 = Un único archivo para entregar (memoria USB, correo), también durante la grabación
nothing-is-being-recorded-70b3cf = No se está grabando nada
open-recording-159d36 = Abrir grabación…
open-a-recording-8205c9 = Abrir una grabación
quit-b3d356 = Salir
demo-dccc56 = Demo
a-recording-is-shown-read-only-n-7be2e1 = Se muestra una grabación en solo lectura: aquí no hay módems simulados.
start-simulated-modems-b26ce8 = Iniciar módems simulados
stop-simulated-modems-fc6386 = Detener módems simulados
view-4baa18 = Ver
traffic-inspector-ba17bb = Inspector de tráfico
targets-panel-ctrl-636763 = Panel de destinos (Ctrl+[)
commands-panel-ctrl-bdf09f = Panel de comandos (Ctrl+])
addresses-in-hex-f4fe97 = Direcciones en hex
theme-af7c92 = Tema
follow-the-system-548210 = Según el sistema
dark-570065 = Oscuro
light-d2f8cf = Claro
high-contrast-sunlight-5cc992 = Alto contraste (luz solar)
ui-scale-2a35b5 = Escala de la interfaz
ctrl-and-ctrl-change-it-too-ctrl-72bf39 = Ctrl + y Ctrl - también la cambian; Ctrl 0 es 100 %
keys-ctrl-f-filter-up-down-alt-u-b80daf = Teclas: Ctrl+F filtro, Arriba/Abajo (Alt+Arriba/Abajo) destinos, Ctrl+1/2/3 pestañas, Ctrl+[ y Ctrl+] paneles laterales
maps-5f0586 = Mapas
load-map-file-00ca51 = Cargar archivo de mapa…
help-f1-ef947a = Ayuda (F1)
language-73db9b = Idioma
as-the-system-language-b91f48 = Como el sistema ({ $language })
translations-other-than-english-963821 = Las traducciones distintas del inglés se han hecho con ayuda automática y aún no se han revisado.

## src/ui/overview_ui.rs
engine-61155b = Motor
gen-v-acb19b = V gen.
pf-ffff6b = FP
oil-c308db = Aceite
coolant-f7b9ad = Refrigerante
battery-0ae12e = Batería
since-when-age-2c289f = desde { $when } ({ $age })
no-active-alarms-850902 = Sin alarmas activas
active-alarms-count-608057 = Alarmas activas ({ $count })
the-first-of-the-alarms-that-cam-41e880 = La primera de las alarmas que se activaron juntas: lo que disparó primero
name-unverified-7b4c64 = { $name } (sin verificar)
model-map-map-1bad29 = { $model } · mapa: { $map }
mode-mode-last-known-ea3dfd = Modo: { $mode } (último conocido)
mode-mode-c153d9 = Modo: { $mode }
status-status-last-known-3627e7 = Estado: { $status } (último conocido)
status-status-645daf = Estado: { $status }
the-readings-below-are-the-last-039a96 = Las lecturas de abajo son las últimas recibidas, sombreadas.
remote-control-inhibited-by-the-84cac5 = Control remoto inhibido por el módem (InhbitRemote)
controller-reports-remote-lock-a0427b = El controlador indica bloqueo remoto
select-a-modem-1bd5a0 = Seleccione un módem
no-data-yet-c9cbfa = Aún sin datos.
the-map-map-names-no-values-by-r-864452 = El mapa "{ $map }" no nombra valores por función, así que no hay resumen: los valores están en la pestaña Valores.
load-fed-by-source-04e378 = Carga alimentada por { $source }
load-no-data-the-target-is-offli-e20496 = Carga: sin datos (el destino está fuera de línea)

## src/ui/plot_range_ui.rs
the-clock-is-out-of-range-8a8832 = la hora está fuera de rango
time-does-not-exist-today-4100aa = { $time } no existe hoy
time-does-not-exist-yesterday-18f39b = { $time } no existe ayer
range-4ac502 = Intervalo…
t-10-15-or-2026-11-24-10-15-5ba5ac = 10:15 o 2026-11-24 10:15
now-b19af7 = ahora
a-time-of-day-is-today-s-to-left-0e13f5 = Una hora del día es de hoy; Hasta vacío es ahora.
from-reason-464383 = Desde: { $reason }
to-reason-3e9330 = Hasta: { $reason }
from-must-be-before-to-acaf1f = Desde debe ser anterior a Hasta
timeline-count-7b05e0 = Cronología ({ $count })
no-alarm-command-marker-or-link-e6c989 = Ningún evento de alarma, comando, marcador o enlace a la vista.

## src/ui/plot_ui.rs
follow-live-9a9252 = Seguir en vivo
keep-the-newest-window-seconds-i-1f5411 = Mantener a la vista los últimos segundos de Ventana, con los valores ajustados
normalise-c6c269 = Normalizar
own-scales-84e75e = Escalas propias
each-value-in-its-own-plot-on-it-d84f9f = Cada valor en su propio gráfico, con su propia escala y
window-8631fd = Ventana
fit-6f13cc = Ajustar
fit-the-values-axis-to-what-is-s-d845a6 = Ajustar el eje de valores a lo mostrado; sin Seguir en vivo, mostrar todos los datos (doble clic en un gráfico hace lo mismo)
wheel-zoom-time-ctrl-wheel-zoom-91e0d1 = rueda: zoom de tiempo · Ctrl+rueda: zoom de valores · arrastrar: desplazar
value-normalised-429585 = { $value } (normalizado)

## src/ui/record_ui.rs
recording-file-count-kept-15493f = Grabando { $file }: { $count } guardados
count-lost-1518f8 = { $count } perdidos
not-recording-97614d = Sin grabar
for-the-marker-9ba273 = para el marcador
mark-5a7bc0 = Marcar
put-a-marker-with-this-note-in-t-81a24e = Poner un marcador con esta nota en la grabación
file-no-readings-in-this-recordi-af22d1 = { $file }: sin lecturas en esta grabación
recording-read-only-754c88 = Grabación (solo lectura)
moment-in-the-recording-0472dc = Momento de la grabación
any-target-bfbd5a = cualquier destino
previous-event-4d8480 = Evento anterior
the-previous-alarm-command-marke-4521b0 = La alarma, comando, marcador o cambio de enlace anterior
t-1-reading-a1d12f = -1 lectura
the-previous-reading-recorded-of-182a13 = La lectura anterior grabada de { $target }
t-1-reading-afb1b1 = +1 lectura
the-next-reading-recorded-of-tar-54a5bf = La siguiente lectura grabada de { $target }
next-event-74b7c0 = Evento siguiente
the-next-alarm-command-marker-or-60776c = La siguiente alarma, comando, marcador o cambio de enlace
moment-b89dbd = Momento
yyyy-mm-dd-hh-mm-ss-f18767 = AAAA-MM-DD hh:mm:ss

## src/ui/registers_ui.rs
alarm-name-kind-0c3ab0 = ALARMA { $name } ({ $kind })
entries-marked-unverified-are-no-30eef1 = Las entradas marcadas (sin verificar) son { $note }.
filter-a9c097 = Filtro
name-or-address-193e1b = nombre o dirección
group-b91e8c = grupo
not-shown-for-lack-of-room-colum-be681a = No se muestran por falta de espacio: { $columns } (Ctrl+[ y Ctrl+] ocultan los paneles laterales)
plot-a6f0c2 = Gráfico
slave-3c0ee0 = Esclavo
table-0ceb7f = Tabla
address-0560f3 = Dirección
raw-89aa91 = Bruto
group-74902c = Grupo
changed-c5203b = Cambiado
plot-name-3ef32f = graficar { $name }
time-stale-ce7ced = { $time } (¿obsoleto?)
time-stale-a0814c = { $time } (obsoleto)
coil-4d0932 = bobina
input-bit-391bac = bit de entrada
holding-reg-11141a = reg. de retención
input-reg-84ea19 = reg. de entrada

## src/ui/serial_ui.rs
connect-serial-d0181f = Conectar serie
port-c53cc6 = Puerto
detected-ports-59f6bb = Puertos detectados
refresh-15aad4 = Actualizar
port-path-3edc31 = Ruta del puerto
baud-ad5bad = Baudios
slave-id-30303d = Id de esclavo
parity-stop-bits-db59e8 = Paridad, bits de parada
even-dc8c31 = par
odd-409d5e = impar
controller-5e8ea1 = Controlador
model-8b665a = modelo
no-serial-port-detected-plug-the-1e8616 = No se detectó ningún puerto serie: conecte el adaptador y pulse Actualizar, o escriba la ruta.
connect-89a899 = Conectar
stop-scan-be1666 = Detener escaneo
scan-148508 = Escanear
try-2400-to-19200-baud-and-slave-f21ada = Probar de 2400 a 19200 baudios e ids de esclavo de 1 a 32
opening-the-port-0393a9 = Abriendo el puerto…
scanning-done-of-total-63638b = escaneando: { $done } de { $total }
scan-stopped-nothing-found-so-fa-171f97 = Escaneo detenido: nada encontrado hasta ahora.
scan-done-nothing-answered-check-3a288b = Escaneo terminado: nada respondió. Revise el cableado (A/B), los ajustes de comunicación del controlador y la terminación del adaptador.
found-slave-slave-at-baud-baud-u-85c671 = Encontrado: esclavo { $slave } a { $baud } baudios (usarlo)

## src/ui/settings_ui.rs
listen-address-address-is-not-ip-dc860b = la dirección de escucha { $address } no es IP:PUERTO (p. ej. 0.0.0.0:21318)
advertised-address-address-is-no-f77370 = la dirección anunciada { $address } no es HOST:PUERTO (p. ej. 192.168.1.20:21318)
settings-058728 = Ajustes
listen-on-756a0b = Escuchar en
tell-modems-to-use-b62c85 = Indicar a los módems que usen
automatic-this-laptop-s-address-af7fc4 = automático: la dirección de este portátil
applying-restarts-the-modem-serv-19fce3 = Aplicar reinicia el servidor de módems: los módems conectados se reconectan solos.
apply-77bbdb = Aplicar

## src/ui/status_ui.rs
dismiss-5915f3 = Descartar
modem-server-address-93f9fa = Dirección del servidor de módems:
click-to-copy-c680c9 = Clic para copiar
showing-a-recording-no-modem-ser-e2b142 = Mostrando una grabación: sin servidor de módems
server-not-running-428790 = servidor detenido
count-online-655d49 = { $count } en línea
readings-logins-outcomes-and-err-194675 = Lecturas, inicios de sesión, resultados y errores nunca se omiten; las líneas del inspector de tráfico y los latidos sí, cuando los eventos llegan más rápido de lo que se muestran.

## src/ui/targets_ui.rs
via-broker-75c868 = vía broker
offline-819448 = FUERA DE LÍNEA
link-down-af4787 = ENLACE CAÍDO
polling-f7ce50 = sondeando
online-73308a = en línea
heartbeat-late-6823d1 = latido retrasado
silent-f23804 = sin respuesta
never-c95089 = nunca
seconds-s-ago-5befa0 = hace { $seconds } s
minutes-min-ago-bd3849 = hace { $minutes } min
hours-h-ago-c065df = hace { $hours } h
disconnect-84790b = Desconectar
seen-ago-a2a3ab = visto { $ago }
heartbeat-ago-6f2a7c = latido { $ago }
down-reason-6cbe03 = caído: { $reason }
a-recording-is-shown-read-only-7ac161 = Se muestra una grabación en solo lectura
no-target-in-this-recording-dd7e41 = Ningún destino en esta grabación.
no-modem-yet-point-a-modem-s-ser-ae6a12 = Aún no hay módems. Apunte la dirección del servidor de un módem a la dirección de abajo, conecte un controlador por serie o inicie la demo.

## src/ui/traffic_ui.rs
the-selected-one-4d2545 = el seleccionado
target-67f168 = Destino
out-1a365f = salida
copy-8f3664 = Copiar
crc-ok-4405f5 = CRC correcto
crc-bad-88e1be = CRC ERRÓNEO
method-a2c750 = Método
pause-f9bf2d = Pausa
select-a-message-352cd1 = Seleccione un mensaje.

## src/ui/view.rs
a-recording-is-read-only-nothing-822989 = Una grabación es de solo lectura: no se puede enviar nada desde ella.
cmm-commissioner-stopped-unexpec-4b48a0 = CMM Commissioner se cerró inesperadamente la última vez
what-happened-is-in-the-crash-re-b1a25b = Lo ocurrido está en el informe de fallo:
start-with-the-default-view-noth-6984b1 = Iniciar con la vista predeterminada (nada graficado, ninguna ventana abierta, paneles en su tamaño predeterminado) si la misma vista provocó el cierre.
start-with-the-default-view-eab6f0 = Iniciar con la vista predeterminada
keep-my-view-f56a17 = Conservar mi vista
overview-494fba = Resumen
journal-db7f18 = Diario

## src/ui/write_source.rs
register-addr-2bf7e1 = registro { $addr }
not-sent-reason-783e00 = No enviado: { $reason }

## Written by hand: texts with ids of their own (plural forms)

modems-online = { $n ->
    [one] { $n } módem en línea
   *[other] { $n } módems en línea
}

commission-visit-differences = "{ $from }" → "{ $to }": { $n ->
    [one] { $n } ajuste o estado difiere
   *[other] { $n } ajustes o estados difieren
}
fleet-counts = { $n ->
    [one] { $n } destino
   *[other] { $n } destinos
} · { $online } en línea · { $alarmed } con alarmas · { $shown } mostrados
journal-events = { $n ->
    [one] { $n } evento
   *[other] { $n } eventos
}
journal-events-shown = { $shown } de { $n ->
    [one] { $n } evento
   *[other] { $n } eventos
}

traffic-messages-kept = { $n ->
    [one] { $n } mensaje guardado
   *[other] { $n } mensajes guardados
}


broker-connected-modems = { $n ->
    [one] broker { $broker }: conectado, { $n } módem
   *[other] broker { $broker }: conectado, { $n } módems
}
targets-timeouts-crc = { $timeouts ->
    [one] { $timeouts } tiempo agotado, { $crc } CRC
   *[other] { $timeouts } tiempos agotados, { $crc } CRC
}
status-skipped-under-load = { $n ->
    [one] { $n } línea de tráfico/latido omitida por carga
   *[other] { $n } líneas de tráfico/latidos omitidos por carga
}
status-uploads-lost = { $n ->
    [one] { $hostid }: { $n } envío de cambios perdido (salto de packetnum): los valores no actualizados desde entonces pueden estar desfasados hasta el próximo envío completo
   *[other] { $hostid }: { $n } envíos de cambios perdidos (salto de packetnum): los valores no actualizados desde entonces pueden estar desfasados hasta el próximo envío completo
}
offline-unreadable-and-more = { $n ->
    [one] parte de este momento no se puede leer: { $what } (y { $n } más)
   *[other] parte de este momento no se puede leer: { $what } (y { $n } más)
}

report-missing-characters = { $n ->
    [one] { $n } carácter no se pudo imprimir (ninguna fuente de este equipo lo tiene; se ve como recuadro vacío): { $list }
   *[other] { $n } caracteres no se pudieron imprimir (ninguna fuente de este equipo los tiene; se ven como recuadros vacíos): { $list }
}
report-limits-all-within = { $steps ->
    [one] Límites: todos los valores evaluados en { $steps } escalón de carga estuvieron dentro de sus límites (FAIL: 0).
   *[other] Límites: todos los valores evaluados en los { $steps } escalones de carga estuvieron dentro de sus límites (FAIL: 0).
}
report-limits-failed = { $n ->
    [one] Límites: FAIL: { $n } valor fuera de sus límites, en { $failed } de { $steps } escalones de carga ({ $list }).
   *[other] Límites: FAIL: { $n } valores fuera de sus límites, en { $failed } de { $steps } escalones de carga ({ $list }).
}
report-measured-values-differ = { $n ->
    [one] { $n } valor medido también difiere, ya que varía por sí solo (`cmmctl snapshot-diff --all` lo muestra).
   *[other] { $n } valores medidos también difieren, ya que varían por sí solos (`cmmctl snapshot-diff --all` los muestra).
}
read-only = solo lectura
model-answers-modbus-functions-l-971a49 = { $model } solo admite las funciones Modbus { $list }, no la { $function }
demo-modems-started = { $n ->
    [one] demo: { $n } módem simulado iniciado
   *[other] demo: { $n } módems simulados iniciados
}
cannot-listen-on-addr-reason-4040a1 = no se puede escuchar en { $addr }: { $reason }
target-is-already-connected-170e73 = { $target } ya está conectado
map-path-reason-f930b8 = mapa { $path }: { $reason }
cannot-save-settings-to-path-rea-1ac8dc = no se pueden guardar los ajustes en { $path }: { $reason }
not-sent-to-target-reason-43af3a = no enviado a { $target }: { $reason }
broker-reason-80ab20 = bróker: { $reason }
a-recording-is-read-only-nothing-14213d = una grabación es de solo lectura: no se puede enviar nada desde ella
nothing-is-being-recorded-the-ap-89fbe0 = no se está grabando nada (la aplicación se inició sin grabación)
the-demo-needs-the-modem-server-cf6097 = la demo necesita el servidor de módems, que no está en marcha
the-core-is-not-taking-commands-d52b86 = el núcleo no acepta comandos: { $reason }
not-connected-since-the-last-sta-b8fca8 = sin conexión desde el último inicio
last-seen-ago-ccae91 = último contacto { $ago }
never-seen-d0f3a8 = sin contacto aún
offline-why-seen-b8e8fd = FUERA DE LÍNEA ({ $why }) · { $seen }
a-recording-is-read-only-no-comm-331a3f = una grabación es de solo lectura: no se puede enviar ningún comando
no-command-can-be-sent-why-2573a4 = No se puede enviar ningún comando: { $why }
not-live-the-target-is-offline-w-aacd20 = no en vivo: el equipo está fuera de línea ({ $why }), última lectura a las { $time }; este es su último valor
not-live-the-target-is-offline-w-10ca76 = no en vivo: el equipo está fuera de línea ({ $why }); este es su último valor
stale-since-time-why-d84d07 = obsoleto desde { $time }: { $why }
possibly-stale-change-uploads-we-b92d75 = posiblemente obsoleto: se perdieron envíos de cambios a las { $time } y este valor no se ha actualizado desde entonces (el próximo envío completo lo resuelve)
when-age-ago-397e1e = { $when } (hace { $age })
unknown-759fb9 = desconocido
mode-mode-status-status-31a7ad = modo { $mode }, estado { $status }
mode-mode-b0d27b = modo { $mode }
command-acts-in-modes-mode-only-6ee15d = { $command } solo actúa en modo { $modes }: el controlador está en { $mode }, así que no hará nada.
another-mode-c191bf = otro modo
command-acts-in-modes-mode-only-be09bb = { $command } solo actúa en modo { $modes } y el modo aún no se ha leído: en { $modes }, el motor girará y arrancará; en otro modo, no ocurre nada.
command-acts-in-modes-mode-only-e4258f = { $command } solo actúa en modo { $modes } (el modo aún no se ha leído).
the-engine-will-crank-and-start-91bff2 = El motor girará y arrancará. Ahora: { $now }.
the-name-is-state-and-this-opens-6196cb = el { $name } está { $state } y esto lo abre
the-name-is-state-and-this-close-afcab9 = el { $name } está { $state } y esto lo cierra
the-name-is-not-read-yet-its-sta-08a095 = el { $name } aún no se ha leído: su estado es desconocido
this-coil-toggles-it-opens-a-clo-5308b1 = Esta bobina conmuta: abre un interruptor cerrado y cierra uno abierto. Ahora: { $now }.
this-command-toggles-the-breaker-c13f22 = Este comando conmuta el interruptor: abre uno cerrado y cierra uno abierto.
sent-as-a-pulse-off-gap-ms-later-c01ada = Se envía como pulso: apagado, { $gap } ms después encendido, mantenido { $hold } ms, luego apagado (tres escrituras).
command-refused-why-bc3da4 = { $command } rechazado: { $why }
first-out-n-after-it-782951 = PRIMERA (+{ $n } después)
cannot-open-port-at-baud-baud-re-d523fa = no se puede abrir { $port } a { $baud } baudios: { $reason }
cannot-list-the-serial-ports-rea-904e7d = no se pueden listar los puertos serie: { $reason }
built-from-public-sources-check-b66cd6 = elaborado con fuentes públicas: verifíquelo en la pantalla del controlador
disabled-f36f05 = desactivado
port-baud-baud-d0a46c = { $port }, { $baud } baudios
port-baud-unknown-a65aa8 = { $port }, velocidad desconocida
port-unknown-baud-baud-1071d6 = puerto desconocido, { $baud } baudios
the-modem-will-stop-talking-to-i-c7c670 = El módem dejará de comunicarse con su controlador: su puerto serie queda desactivado y quizá la única forma de recuperarlo sea ir al grupo.
the-modem-will-stop-talking-to-i-4213b2 = El módem dejará de comunicarse con su controlador salvo que este esté cableado a su puerto { $new } (ahora { $now }).
the-modem-s-current-port-is-not-65290e = Se desconoce el puerto actual del módem: si el controlador no está cableado al puerto elegido, el módem dejará de comunicarse con él.
recording-path-reason-cb39bf = grabación { $path }: { $reason }
path-is-not-a-cmm-commissioner-r-eddf3c = { $path } no es una grabación de CMM Commissioner
path-was-made-by-a-newer-version-9ad2e5 = { $path } se creó con una versión más reciente de CMM Commissioner (esquema { $version }); esta lee el esquema { $ours }
recording-path-a-file-is-already-a9123d = grabación { $path }: ya existe un archivo: indique otro nombre
the-recorder-fell-behind-n-recor-c723f5 = la grabación se retrasó: registros no escritos: { $n }
malformed-json-reason-c161e8 = JSON mal formado: { $reason }
message-is-not-a-json-object-b376b7 = el mensaje no es un objeto JSON
missing-field-field-a49c01 = falta el campo `{ $field }`
field-field-should-be-expected-g-2f2f03 = el campo `{ $field }` debería ser { $expected }, llegó { $got }
unknown-method-method-845e4f = método desconocido `{ $method }`
not-hex-reason-in-text-1d827d = no es hexadecimal: { $reason } en { $text }
not-a-json-object-reason-7ec568 = no es un objeto JSON: { $reason }
len-bytes-over-the-max-byte-limi-65027b = { $len } bytes, por encima del límite de { $max } bytes
frame-too-short-len-bytes-6b24d9 = trama demasiado corta ({ $len } bytes)
crc-error-frame-says-actual-byte-c4ca1c = error de CRC: la trama dice { $actual }, los bytes dan { $expected }
unsupported-function-code-code-d79ece = código de función no admitido { $code }
frame-length-actual-bytes-expect-37e843 = longitud de trama { $actual } bytes, se esperaban { $expected }
invalid-frame-reason-09328b = trama no válida: { $reason }
response-does-not-match-request-e1319a = la respuesta no corresponde a la petición: { $reason }
report-of-target-written-to-pdf-7c1c68 = informe de { $target } escrito en { $pdf } (escalones en { $csv })
export-rows-written = { $n ->
    [one] exportada { $n } fila a { $path }
   *[other] exportadas { $n } filas a { $path }
}
attaching-to-the-broker-broker-9267b8 = conectando con el bróker { $broker }
detached-from-the-broker-broker-65af6c = desconectado del bróker { $broker }
scan-port-started-bc0fd6 = búsqueda: { $port } iniciada
saved-a-copy-of-the-recording-to-be2909 = copia de la grabación guardada en { $file } ({ $what })
the-copy-was-not-saved-reason-or-61907f = la copia no se guardó: { $reason }, o deje el archivo vacío para elegirlo en el diálogo de guardar
the-copy-was-not-saved-reason-28c49a = la copia no se guardó: { $reason }
showing-the-recording-file-read-c5c8cc = mostrando la grabación { $file } (solo lectura)
opened-the-recording-file-in-a-w-264a0b = grabación { $file } abierta en una ventana propia
server-stopped-f214db = servidor detenido
serial-connected-port-c7f6c7 = serie: conectado { $port }
recording-to-file-2472d5 = grabando en { $file }
the-modems-of-earlier-recordings-ea2418 = no se conocen los módems de grabaciones anteriores: { $reason }
old-recording-deleted-file-195cde = grabación antigua borrada: { $file }
demo-simulated-modems-stopped-5e069c = demo: módems simulados detenidos
modems-known-earlier = { $n ->
    [one] { $n } módem conocido de grabaciones anteriores
   *[other] { $n } módems conocidos de grabaciones anteriores
}
address-the-connection-was-close-fc4476 = { $address }: el otro extremo cerró la conexión
cannot-connect-to-address-reason-d68741 = no se puede conectar con { $address }: { $reason }
a-serial-port-or-a-controller-on-35267f = Un puerto serie, o un controlador en la red: tcp://HOST:502 (Modbus TCP, un controlador o una pasarela) o rtu-over-tcp://HOST:PORT (una pasarela transparente). El id de esclavo es entonces su unit id.
no-answer-in-ms-ms-608ccf = sin respuesta en { $ms } ms

## src/app/settings.rs, src/proto/map/file.rs, file/entries.rs, file_bits.rs
cannot-read-it-reason-e9f561 = no se puede leer: { $reason }
the-file-is-kept-as-file-351a06 = el archivo se conserva como { $file }
it-cannot-be-kept-aside-reason-s-33a449 = no se puede apartar ({ $reason }), así que no se sobrescribirá: los ajustes no se guardan en esta ejecución
settings-in-file-ignored-default-9d1a15 = ajustes de { $file } ignorados (se usan los predeterminados): { $problem }; { $outcome }
file-is-not-readable-settings-an-351f7e = { $file } no son ajustes legibles y no se puede apartar ({ $reason }); no se sobrescribe
field-must-be-1-or-2-got-value-c021e8 = { $field }: debe ser 1 o 2, se obtuvo { $value }
field-only-for-condition-5239bb = { $field }: solo con { $condition }
field-must-be-a-non-zero-number-dcee9a = { $field }: debe ser un número distinto de cero, se obtuvo { $value }
field-flag-registers-take-their-ef43eb = { $field }: los registros `{ $flag }` toman su relación de { $setting }; quite `{ $key }`
field-no-table-table-in-the-file-9abc7e = { $field }: no hay tabla { $table } en el archivo
field-value-is-not-first-or-seco-fa0fae = { $field }: { $value } no es { $first } ni { $second }
field-runs-past-address-last-d44e49 = { $field }: sobrepasa la dirección { $last }
field-a-counter-pair-is-read-hig-672ebd = { $field }: un par contador se lee con la parte alta primero
field-must-be-a-number-got-value-779962 = { $field }: debe ser un número, se obtuvo { $value }
field-a-range-is-for-settings-co-5825c1 = { $field }: un rango es solo para ajustes ({ $condition })
field-min-min-is-above-max-max-63f270 = { $field }: el mínimo { $min } es mayor que el máximo { $max }
field-address-addr-is-already-de-40b9a8 = { $field }: la dirección { $addr } ya está definida en la línea { $line }
field-first-and-second-are-requi-ee8e49 = { $field }: { $first } y { $second } son obligatorios
field-give-exactly-one-of-first-50086a = { $field }: indique exactamente uno de `{ $first }` o `{ $second }`
field-a-bit-range-of-a-holding-r-bd9fec = { $field }: un bit { $range } de un registro de retención
field-first-and-second-are-for-c-93645c = { $field }: { $first } y { $second } son para { $condition }
field-gap-must-be-at-most-gap-ma-11807e = { $field }: { $gap } debe ser como máximo { $gap_max } y { $hold } de { $hold_min } a { $hold_max } (ms)
line-line-message-99dcaa = línea { $line }: { $message }
field-unknown-role-role-known-kn-3e91f2 = { $field }: rol desconocido { $role } (conocidos: { $known })
field-needs-version-2-the-file-s-1bc721 = { $field }: requiere version = 2 (el archivo dice version = 1)
error-in-source-bbefa0 = { $error } (en `{ $source }`)
field-expected-expected-got-got-bdcd81 = { $field }: se esperaba { $expected }, se obtuvo { $got }
field-this-program-reads-version-cf3d5e = { $field }: este programa lee las versiones 1 a { $newest }, el archivo es de versión { $version }
field-value-is-not-a-non-zero-he-8157c8 = { $field }: { $value } no es una palabra hex distinta de cero como { $example }
field-must-be-a-positive-number-d6d763 = { $field }: debe ser un número positivo, se obtuvo { $value }
field-must-be-min-to-max-seconds-4b41aa = { $field }: debe ser de { $min } a { $max } segundos, se obtuvo { $value }
field-must-be-at-least-min-got-v-687414 = { $field }: debe ser al menos { $min }, se obtuvo { $value }
field-value-is-not-a-modbus-func-8e562d = { $field }: { $value } no es una función Modbus que este programa admita ({ $known })
field-key-key-is-not-a-number-ra-1c9f7b = { $field }: la clave { $key } no es un número { $range }
field-must-be-min-to-max-for-tab-3eb616 = { $field }: debe ser de { $min } a { $max } para { $table }, se obtuvo { $value }
field-sum-runs-past-last-251148 = { $field }: { $sum } sobrepasa { $last }
field-empty-0c8a98 = { $field }: vacío
field-must-be-min-to-max-aaf75c = { $field }: debe ser de { $min } a { $max }
field-the-register-at-addr-is-a-d68dd6 = { $field }: el registro en { $addr } es un par o una enumeración, no una palabra de bits
field-no-register-entry-at-addr-2fbf41 = { $field }: no hay entrada de registro en { $addr } (añada una para la palabra, p. ej. { $example })
field-value-is-not-shutdown-trip-60a21e = { $field }: { $value } no es { $shutdown }, { $trip }, { $warning }, { $block }, { $summary } ni { $status }
field-this-bit-is-already-define-68e6b4 = { $field }: este bit ya está definido en la línea { $line }
connected-to-target-settings-89690c = conectado a { $target } ({ $settings })
scan-unit-slave-answers-at-port-c42ef4 = búsqueda: la unidad { $slave } responde en { $port }
done-in-ms-ms-2e401e = hecho en { $ms } ms
slave-slave-read-qty-table-from-581f72 = esclavo { $slave }: leer { $qty } { $table } desde { $addr }
slave-slave-write-coil-addr-valu-12d65e = esclavo { $slave }: escribir bobina { $addr } = { $value }
slave-slave-write-register-addr-0e2814 = esclavo { $slave }: escribir registro { $addr } = { $value }
slave-slave-write-n-coils-from-a-aac472 = esclavo { $slave }: escribir { $n } bobinas desde { $addr } = { $bits }
slave-slave-write-n-registers-fr-0daef2 = esclavo { $slave }: escribir { $n } registros desde { $addr } = { $values }
found-unit-slave-use-it-e47955 = Encontrada: unidad { $slave } (usar)
a-controller-on-this-laptop-s-rs-13b83a = Un controlador en el adaptador RS485/USB de este portátil, o en la red (Modbus TCP)
fuel-level-741087 = Nivel de combustible
mains-l1-n-c8e2ef = Red L1-N
mode-from-to-b672b9 = modo { $from } → { $to }
status-from-to-185f0c = estado { $from } → { $to }
generator-breaker-closed-002716 = interruptor del generador cerrado
generator-breaker-opened-b04023 = interruptor del generador abierto
mains-breaker-closed-676607 = interruptor de red cerrado
mains-breaker-opened-bb170e = interruptor de red abierto
mains-returned-d99048 = la red volvió
mains-failed-3ff46e = fallo de red
engine-started-dfc172 = motor arrancado
engine-stopped-fa10a2 = motor parado
name-on-when-first-read-292b24 = { $name } (activa en la primera lectura)
name-cleared-ff3512 = { $name } despejada
what-sent-uid-831d6d = { $what } enviado (#{ $uid })
what-outcome-confirmed-by-the-re-baf453 = { $what }: { $outcome }, confirmado por las lecturas (#{ $uid })
what-outcome-not-confirmed-by-th-5f648e = { $what }: { $outcome }, no confirmado por las lecturas (#{ $uid })
what-outcome-uid-48fba7 = { $what }: { $outcome } (#{ $uid })
add-all-count-each-with-the-mode-b7e43a = Añadir las { $count } (con el modelo elegido)
the-line-was-closing-66dc48 = la línea se estaba cerrando
port-is-open-at-open-a-slave-on-471707 = { $port } está abierto a { $open }; un esclavo en la misma línea usa los mismos ajustes, no { $asked }
requests-requests-responses-repl-635120 = peticiones: { $requests }, respuestas: { $responses }, sin respuesta: { $timeouts }, CRC erróneo: { $crc }, excepciones: { $exceptions }; respuesta media { $avg } ms, peor { $worst } ms
this-slave-b5db6a = Este esclavo
the-whole-line-d1ec47 = Toda la línea
the-port-is-in-use-by-the-slaves-a5f4d8 = El puerto está en uso por los esclavos que se sondean en él: desconéctelos para escanearlo
this-line-is-open-with-slave-sla-795f28 = Esta línea está abierta, con el esclavo { $slaves }: Conectar añade el esclavo { $slave }, sondeado por turnos, con los baudios, la paridad y los bits de parada de la línea.
this-computer-has-no-folder-for-2d31a7 = este equipo no tiene carpeta para mapas
map-saved-name-path-used-from-no-810ef1 = mapa guardado: { $name } ({ $path }), se usa desde ahora
a-one-off-read-is-for-a-controll-a3839f = una lectura puntual es para un controlador en un puerto serie o en la red; un módem envía lo que sondea
reading-n-blocks-3e18f9 = leyendo { $n } bloques…
field-an-input-register-is-read-051752 = { $field }: un registro de entrada es de solo lectura, nunca un ajuste
a-map-of-the-maps-folder-was-not-e49c1e = un mapa de la carpeta de mapas no se cargó: { $error }
no-register-list-chosen-if-no-fi-c4672f = no se eligió ninguna lista de registros; si no apareció el diálogo de archivos, este sistema no lo tiene
the-scale-is-a-number-other-than-fe0cb0 = la escala es un número distinto de 0, p. ej. 0,1
line-write-a-number-then-the-tex-c1ae6a = { $line }: escriba un número, = y luego el texto
map-editor-f37266 = Editor de mapa
target-map-now-map-79e091 = { $target } · mapa actual: { $map }
module-type-e-g-acme-ats-d5ec02 = tipo de módulo, p. ej. ACME-ATS
the-map-is-saved-for-this-module-819f32 = El mapa se guarda para este tipo de módulo y se usa para cada controlador de ese tipo
click-an-unnamed-value-in-the-va-bdbf9d = Haga clic en un valor sin nombre en la pestaña Valores para describirlo.
reading-once-is-for-a-controller-475eb4 = La lectura puntual es para un controlador en un puerto serie o en la red, en línea
read-once-cc79ba = Leer una vez
fc-addr-qty-the-read-function-01-3ac619 = FC:DIR+CANT: la función de lectura (01 bobinas, 02 entradas discretas, 03 registros holding, 04 registros de entrada), la primera dirección, cuántos
read-0befe5 = Leer
find-blocks-from-1ebd48 = Buscar bloques desde
to-454824 = hasta
by-2bcc94 = de a
find-1cd17a = Buscar
reads-every-block-of-the-range-i-6694d5 = Lee cada bloque del rango en cada tabla marcada: lo que responde aparece en la pestaña Valores, lo que el controlador rechaza se omite
scale-528e11 = Escala
value-raw-scale-e-g-0-1-68f3ce = valor = bruto × escala, p. ej. 0,1
words-74af2a = Palabras
one-16-bits-6daaff = una (16 bits)
two-32-bits-83dd7f = dos (32 bits)
signed-712015 = con signo
high-word-first-b08365 = palabra alta primero
low-word-first-171739 = palabra baja primero
states-87947f = Estados
an-enumeration-one-value-meaning-f1d023 = Una enumeración: un valor = significado por línea
bits-bc2f99 = Bits
named-bits-of-a-status-word-one-1e92d0 = Bits con nombre de una palabra de estado: un bit = nombre por línea (0 el más bajo)
role-2b7e39 = Función
what-it-stands-for-the-overview-99b353 = Lo que representa: la vista general, el diario y el informe lo encuentran por su función
now-value-raw-raw-3dc393 = Ahora: { $value } (bruto { $raw })
now-not-read-yet-7de4d8 = Ahora: aún no leído
update-230e94 = Actualizar
add-to-the-map-17c7d8 = Añadir al mapa
described-not-saved-yet-f7fd66 = Descrito, aún sin guardar:
edit-c76cb1 = Editar
save-as-the-map-of-model-300f07 = Guardar como el mapa de { $model }
adds-the-entries-to-map-saved-in-cfb487 = Añade las entradas a { $map }, guardado en la carpeta de mapas
a-new-map-saved-in-the-maps-fold-4b528c = Un mapa nuevo, guardado en la carpeta de mapas
import-a-register-list-csv-bd9dcd = Importar una lista de registros (CSV)…
columns-address-name-unit-scale-77b0bc = Columnas dirección, nombre, unidad, escala, tabla: la tabla de un manual pegada en una hoja de cálculo
import-a-register-list-54db68 = Importar una lista de registros
register-list-csv-d91993 = Lista de registros (CSV)
saving-79b37d = Guardando…
map-editor-bea526 = Editor de mapa…
name-scale-and-describe-the-valu-c3fa6d = Nombre, escale y describa los valores que el mapa no conoce, y guárdelos como el mapa del modelo
not-in-the-map-click-to-name-and-3dbb91 = No está en el mapa: haga clic para nombrarlo y describirlo
none-no-map-raw-values-80699f = ninguno (sin mapa: valores brutos)
table-addr-is-already-described-c56f40 = { $table } { $addr } ya está descrito como { $name }
table-addr-is-already-in-the-map-9889b3 = { $table } { $addr } ya está en el mapa como { $name }
read-and-find-values-5a769f = Leer y buscar valores
describe-a-value-first-click-one-683f50 = Describa primero un valor (haga clic en uno en la pestaña Valores) e indique el modelo
slave-slave-is-already-polled-on-b23ccc = El esclavo { $slave } ya se sondea en esta línea.
this-line-is-open-at-open-a-slav-a2cf27 = Esta línea está abierta a { $open }: un esclavo en ella usa los mismos ajustes, no { $asked }.
slave-slave-865117 = esclavo { $slave }
save-the-map-e29aa5 = Guardar el mapa
target-is-decoded-with-map-from-f661a5 = { $target } se decodifica con { $map } desde ahora
name-not-saved-7e8793 = { $name } (sin guardar)
