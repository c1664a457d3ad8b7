#!/usr/bin/python3
"""`show version` on many devices the seed's way: Python asyncio and asyncssh (Debian's python3-asyncssh).

The same job on stdin and the same JSON line out as netmiko_show_version.py, so the two sit
side by side in `npm run bench:tools`. Per device, as a hand-written asyncio script does it:
connect (host key checked against the lab's known_hosts), an interactive shell with a pty,
wait for the prompt, `enable` and the secret where the login lands in user mode, paging off,
then the command; each step waits for the prompt before the next (one round trip each).
An asyncio.Semaphore(C) bounds the devices worked on at once. `--versions` prints the
python and asyncssh versions.
"""
import asyncio
import json
import re
import resource
import sys
import time
from collections import Counter

# Platforms whose login lands in user mode, so `show` commands want enable first.
NEEDS_ENABLE = {"cisco_ios", "arista_eos"}
PAGING_OFF = {
    "cisco_ios": "terminal length 0",
    "cisco_nxos": "terminal length 0",
    "cisco_xr": "terminal length 0",
    "arista_eos": "terminal length 0",
    "juniper_junos": "set cli screen-length 0",
}
# Any prompt at the end of what was read: `name>`, `name#`, `RP/0/RSP0/CPU0:name#`, `user@name> `.
PROMPT = re.compile(r"(?:^|\n)[\w.\-@/:()]{1,80}[>#] ?$")
PASSWORD = re.compile(r"(?:^|\n)Password: ?$")


def versions():
    import asyncssh
    return {"python": sys.version.split()[0], "asyncssh": asyncssh.__version__}


class Shell:
    """Reads the channel until a pattern holds at its end (CR dropped)."""

    def __init__(self, reader, writer, timeout):
        self.reader, self.writer, self.timeout, self.text = reader, writer, timeout, ""

    async def until(self, *patterns):
        async def read():
            while not any(p.search(self.text) for p in patterns):
                chunk = await self.reader.read(65536)
                if not chunk:
                    raise ConnectionError("channel closed")
                self.text += chunk.replace("\r", "")
        await asyncio.wait_for(read(), self.timeout)
        out, self.text = self.text, ""
        return out

    async def send(self, line, *patterns):
        self.writer.write(line + "\n")
        return await self.until(*(patterns or (PROMPT,)))


async def show_version(job, device, sem):
    import asyncssh

    async with sem:
        t0 = time.monotonic()
        try:
            known = job.get("knownHosts") or None
            async with asyncssh.connect(device["host"], port=device["port"], username=job["username"],
                                        password=job["password"], known_hosts=known,
                                        connect_timeout=job.get("timeoutS", 30)) as conn:
                writer, reader, _ = await conn.open_session(term_type="vt100", term_size=(511, 24))
                sh = Shell(reader, writer, job.get("timeoutS", 30))
                await sh.until(PROMPT)
                if device["platform"] in NEEDS_ENABLE:
                    answer = await sh.send("enable", PASSWORD, PROMPT)
                    if PASSWORD.search(answer):
                        await sh.send(job.get("secret", ""))
                await sh.send(PAGING_OFF[device["platform"]])
                raw = await sh.send("show version")
                output = "\n".join(raw.split("\n")[1:-1])
                writer.close()
            ok = bool(output.strip())
            error = None if ok else "empty output"
        except Exception as e:  # noqa: BLE001 - one device's failure must not lose the others
            ok, output, error = False, "", f"{type(e).__name__}: {str(e).strip().splitlines()[0] if str(e).strip() else ''}"
        return {"name": device.get("name", device["host"]), "platform": device["platform"], "ok": ok,
                "ms": round((time.monotonic() - t0) * 1000), "error": error,
                "output": output if job.get("keepOutput") else None}


async def run(job):
    sem = asyncio.Semaphore(job["concurrency"])
    return await asyncio.gather(*(show_version(job, d, sem) for d in job["devices"]))


def main():
    if "--versions" in sys.argv:
        print(json.dumps(versions()))
        return
    job = json.load(sys.stdin)
    t0 = time.monotonic()
    results = asyncio.run(run(job))
    wall = round((time.monotonic() - t0) * 1000)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    failed = [r for r in results if not r["ok"]]
    print(json.dumps({
        "wallMs": wall,
        "ok": len(results) - len(failed),
        "failed": len(failed),
        "errors": [f"{r['name']} ({r['platform']}): {r['error']}" for r in failed[:5]],
        "failedByPlatform": dict(Counter(r["platform"] for r in failed)),
        "cpuMs": round((usage.ru_utime + usage.ru_stime) * 1000),
        "peakRssMb": round(usage.ru_maxrss / 1024),
        "devices": [{k: v for k, v in r.items() if v is not None} for r in results],
    }))


if __name__ == "__main__":
    main()
