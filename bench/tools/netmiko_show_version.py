#!/usr/bin/python3
"""`show version` on many devices with Netmiko, the way engineers script it today.

Reads one JSON job on stdin:
  {"devices": [{"name", "host", "port", "platform"}], "username", "password", "secret",
   "concurrency": C, "knownHosts": "/path/to/known_hosts" (optional)}
Prints one JSON line: wall ms, ok/failed counts, the first few errors, failures per platform,
the process's CPU time and peak RSS, and each device's time. `timeoutS` (optional) overrides
Netmiko's connect timeout; `keepOutput` adds each device's output; `fastCli` sets Netmiko's
fast_cli (shorter fixed waits, what a tuned script uses). `--versions` prints the
python, netmiko and paramiko versions instead.

The usual script: a ThreadPoolExecutor(max_workers=C), one ConnectHandler per device,
enable() where the platform has it, send_command('show version'), disconnect. Netmiko's
defaults are kept unless `fastCli` asks for fast_cli: most scripts run the defaults.

Host keys are checked: with `knownHosts`, paramiko loads the lab's known_hosts (OpenSSH
`[host]:port` lines) and ssh_strict rejects any key not in it, as the bot does.
"""
import json
import resource
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

# Our platform ids are Netmiko's device_type names.
DEVICE_TYPES = {
    "cisco_ios": "cisco_ios",
    "cisco_nxos": "cisco_nxos",
    "cisco_xr": "cisco_xr",
    "arista_eos": "arista_eos",
    "juniper_junos": "juniper_junos",
}
# Platforms whose login lands in user mode, so `show` commands want enable first.
NEEDS_ENABLE = {"cisco_ios", "arista_eos"}


def versions():
    import netmiko
    import paramiko
    return {"python": sys.version.split()[0], "netmiko": netmiko.__version__, "paramiko": paramiko.__version__}


def show_version(job, device):
    from netmiko import ConnectHandler

    t0 = time.monotonic()
    try:
        params = {
            "device_type": DEVICE_TYPES[device["platform"]],
            "host": device["host"],
            "port": device["port"],
            "username": job["username"],
            "password": job["password"],
            "secret": job.get("secret", ""),
        }
        if job.get("fastCli"):
            params["fast_cli"] = True
        if job.get("timeoutS"):
            params["timeout"] = job["timeoutS"]
        if job.get("knownHosts"):
            params.update(ssh_strict=True, system_host_keys=False, alt_host_keys=True, alt_key_file=job["knownHosts"])
        conn = ConnectHandler(**params)
        try:
            if device["platform"] in NEEDS_ENABLE:
                conn.enable()
            output = conn.send_command("show version")
        finally:
            conn.disconnect()
        ok = bool(output.strip())
        error = None if ok else "empty output"
    except Exception as e:  # noqa: BLE001 - one device's failure must not lose the others
        ok, output, error = False, "", f"{type(e).__name__}: {str(e).strip().splitlines()[0] if str(e).strip() else ''}"
    return {"name": device.get("name", device["host"]), "platform": device["platform"], "ok": ok,
            "ms": round((time.monotonic() - t0) * 1000), "error": error, "output": output if job.get("keepOutput") else None}


def main():
    if "--versions" in sys.argv:
        print(json.dumps(versions()))
        return
    job = json.load(sys.stdin)
    devices = job["devices"]
    t0 = time.monotonic()
    with ThreadPoolExecutor(max_workers=job["concurrency"]) as pool:
        results = list(pool.map(lambda d: show_version(job, d), devices))
    wall = round((time.monotonic() - t0) * 1000)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    failed = [r for r in results if not r["ok"]]
    print(json.dumps({
        "wallMs": wall,
        "ok": len(results) - len(failed),
        "failed": len(failed),
        "errors": [f"{r['name']} ({r['platform']}): {r['error']}" for r in failed[:5]],
        "failedByPlatform": dict(Counter(r["platform"] for r in failed)),
        # The whole Python process: its CPU seconds and peak RSS (Linux reports KiB).
        "cpuMs": round((usage.ru_utime + usage.ru_stime) * 1000),
        "peakRssMb": round(usage.ru_maxrss / 1024),
        "devices": [{k: v for k, v in r.items() if v is not None} for r in results],
    }))


if __name__ == "__main__":
    main()
