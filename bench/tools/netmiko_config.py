#!/usr/bin/python3
"""A configuration change with Netmiko, the way engineers script it, then a look at the result.

Reads one JSON job on stdin:
  {"devices": [{"name", "host", "port", "platform", "lines": [...], "check": "show ...",
                "exitBeforeCommit": false (optional)}],
   "username", "password", "secret", "knownHosts": "/path/to/known_hosts" (optional)}
Per device: ConnectHandler, enable() where the platform has it, send_config_set(lines) (IOS-XR
and Junos: without leaving config mode, then commit() and exit_config_mode(), as Netmiko wants
for platforms with a candidate), then send_command(check). Prints one JSON line: per device
ok, error, the config set's output, commit()'s output and the check's output. Host keys are
checked as in netmiko_show_version.py.

exitBeforeCommit is the other way scripts do it: send_config_set(lines) leaves config mode
(on Junos answering yes to "Exit with uncommitted changes?"), then commit() enters `configure`
again and commits the shared candidate, which must still hold the lines.
"""
import json
import sys
from concurrent.futures import ThreadPoolExecutor

NEEDS_ENABLE = {"cisco_ios", "arista_eos"}
COMMITS = {"cisco_xr", "juniper_junos"}


def change(job, device):
    from netmiko import ConnectHandler

    try:
        params = {
            "device_type": device["platform"],
            "host": device["host"],
            "port": device["port"],
            "username": job["username"],
            "password": job["password"],
            "secret": job.get("secret", ""),
            "timeout": 20,
        }
        if job.get("knownHosts"):
            params.update(ssh_strict=True, system_host_keys=False, alt_host_keys=True, alt_key_file=job["knownHosts"])
        conn = ConnectHandler(**params)
        try:
            if device["platform"] in NEEDS_ENABLE:
                conn.enable()
            committed = ""
            if device["platform"] in COMMITS:
                leave = bool(device.get("exitBeforeCommit"))
                output = conn.send_config_set(device["lines"], exit_config_mode=leave)
                committed = conn.commit()
                output += conn.exit_config_mode()
            else:
                output = conn.send_config_set(device["lines"])
            check = conn.send_command(device["check"])
        finally:
            conn.disconnect()
        return {"name": device["name"], "ok": True, "output": output, "commit": committed, "check": check}
    except Exception as e:  # noqa: BLE001 - one device's failure must not lose the others
        return {"name": device["name"], "ok": False, "error": f"{type(e).__name__}: {str(e).strip()[:500]}"}


def main():
    job = json.load(sys.stdin)
    with ThreadPoolExecutor(max_workers=len(job["devices"]) or 1) as pool:
        results = list(pool.map(lambda d: change(job, d), job["devices"]))
    print(json.dumps({"devices": results}))


if __name__ == "__main__":
    main()
