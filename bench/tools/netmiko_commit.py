#!/usr/bin/python3
"""A configuration change with Netmiko, the way engineers script it: send_config_set, commit().

Reads one JSON job on stdin:
  {"device": {"host", "port", "platform"}, "username", "password", "knownHosts" (optional),
   "lines": [...], "show": "show running-config", "timeoutS" (optional)}
Prints one JSON line: ok, the output of send_config_set and of commit(), what `show` printed
afterwards (out of config mode), and the error when something failed.

Netmiko's own steps do the work: on IOS-XR send_config_set stays in config mode and commit()
commits there; on Junos send_config_set leaves with `exit configuration-mode` (answering `yes`
to "Exit with uncommitted changes?"), and commit() enters `configure` again and commits the
shared candidate, which must still hold the lines.
"""
import json
import sys


def change(job):
    from netmiko import ConnectHandler

    d = job["device"]
    params = {
        "device_type": d["platform"],
        "host": d["host"],
        "port": d["port"],
        "username": job["username"],
        "password": job["password"],
    }
    if job.get("timeoutS"):
        params["timeout"] = job["timeoutS"]
    if job.get("knownHosts"):
        params.update(ssh_strict=True, system_host_keys=False, alt_host_keys=True, alt_key_file=job["knownHosts"])
    result = {"ok": False}
    try:
        conn = ConnectHandler(**params)
        try:
            result["config"] = conn.send_config_set(job["lines"])
            result["commit"] = conn.commit()
            result["exit"] = conn.exit_config_mode()
            result["show"] = conn.send_command(job["show"])
            result["ok"] = True
        finally:
            conn.disconnect()
    except Exception as e:  # noqa: BLE001 - the test wants the reason, not a traceback
        result["error"] = f"{type(e).__name__}: {str(e).strip()}"
    return result


def main():
    print(json.dumps(change(json.load(sys.stdin))))


if __name__ == "__main__":
    main()
