/**
 * A small, realistic starting configuration per simulated platform, after the base configs
 * in ../shared/fixtures/sessions/base_configs/. Each carries the kinds of secrets real
 * configurations hold (hashed enable secret, user secrets, SNMP community, keys), so
 * redaction can be tested against real-looking output. `index` varies the addresses.
 */
import type { PlatformId } from '../core/types.js';

const net = (index: number) => `10.${Math.floor(index / 250)}.${index % 250}`;

const ios = (host: string, i: number) => `hostname ${host}
enable secret 9 $9$lab3nable$Yd0zxqZ0a8hXyC1m9lab
username netops privilege 15 secret 9 $9$labus3r$Qw3rtyHashLab00
ip domain name lab.example
interface GigabitEthernet1
 description uplink-${i}
 ip address ${net(i)}.1 255.255.255.0
interface Loopback0
 ip address 192.0.2.${i % 250} 255.255.255.255
snmp-server community lab-c0mmunity-RO RO
snmp-server host 192.0.2.162 traps version 2c lab-tr4p-Comm
ntp authentication-key 1 md5 lab-Ntp-K3y 7
ntp server 192.0.2.123
line vty 0 4
 login local
 transport input ssh
`;

const nxos = (host: string, i: number) => `version 9.2(4) Bios:version
hostname ${host}
feature ssh
feature interface-vlan
username admin password 5 $5$LABLAB$hIaO64VM40/x.MTQoeWg8/IAn2iBY5jv4WZyzQbb5q9 role network-admin
username netops password 5 $5$LABNET$buvWY6uEPf79GVyfGNO6SGOi5gbxV2VAcsbBtyXDZyB role network-admin
snmp-server community lab-c0mmunity-RO group network-operator
ntp server 192.0.2.123 use-vrf management
vlan 10
  name users
interface mgmt0
  vrf member management
  ip address ${net(i)}.2/24
interface Ethernet1/1
  description uplink-${i}
  no switchport
`;

const xr = (host: string, i: number) => `hostname ${host}
username netops
 group root-lr
 secret 5 $1$ERrP$IwIygdqbJGkqrXZDtaWVI0
interface MgmtEth0/RP0/CPU0/0
 ipv4 address ${net(i)}.3 255.255.255.0
interface GigabitEthernet0/0/0/0
 description uplink-${i}
snmp-server community lab-c0mmunity-RO RO
ntp
 server 192.0.2.123
ssh server v2
`;

const eos = (host: string, i: number) => `hostname ${host}
username admin privilege 15 role network-admin secret sha512 $6$hB2JUt/ViRqix1FE$LeMDLUUvYUB9RcfqIWNYTZcvQX8lBHHeC5FjE
username netops privilege 15 secret sha512 $6$labNetops$Uj3HJKw4fOTXMHNBU6x3yS2hUrrM7m
spanning-tree mode mstp
interface Ethernet1
   description uplink-${i}
interface Management1
   ip address ${net(i)}.4/24
snmp-server community lab-c0mmunity-RO ro
ntp server 192.0.2.123
ip routing
management api http-commands
   no shutdown
`;

const junos = (host: string, i: number) => `set system host-name ${host}
set system root-authentication encrypted-password "$6$RhR81Jm4$DEXKIbZNGjv.agJvM.FlIZWtFqX"
set system login user netops uid 2000
set system login user netops class super-user
set system login user netops authentication encrypted-password "$6$iYt26fU9$gkt6bgxPs.VqHgCoLuSD6K"
set system services ssh protocol-version v2
set system services netconf ssh
set system ntp server 192.0.2.123
set snmp community lab-c0mmunity-RO authorization read-only
set interfaces ge-0/0/0 description uplink-${i}
set interfaces fxp0 unit 0 family inet address ${net(i)}.5/24
`;

export const BASE_CONFIGS: Record<PlatformId, (host: string, index: number) => string> = {
  cisco_ios: ios,
  cisco_nxos: nxos,
  cisco_xr: xr,
  arista_eos: eos,
  juniper_junos: junos,
};
