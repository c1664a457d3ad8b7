/**
 * A small IOS-style running configuration per simulated device. It carries the kinds of
 * secrets real configurations hold (hashed enable secret, user secret, SNMP community),
 * so redaction can be tested against real-looking output.
 */
export function iosRunningConfig(hostname: string, index: number): string {
  return [
    'Building configuration...',
    '',
    'Current configuration : 1024 bytes',
    '!',
    'version 15.8',
    'service timestamps debug datetime msec',
    `hostname ${hostname}`,
    '!',
    'enable secret 9 $9$lab3nable$Yd0zxqZ0a8hXyC1m9lab',
    '!',
    'username netops privilege 15 secret 9 $9$labus3r$Qw3rtyHashLab00',
    '!',
    'interface GigabitEthernet0/0',
    ` description uplink-${index}`,
    ` ip address 10.${Math.floor(index / 250)}.${index % 250}.1 255.255.255.0`,
    '!',
    'snmp-server community lab-c0mmunity-RO RO',
    'ntp server 192.0.2.123',
    '!',
    'end',
  ].join('\n');
}
