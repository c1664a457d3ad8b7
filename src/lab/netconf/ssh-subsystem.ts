/**
 * The `netconf` SSH subsystem (RFC 6242 on the device's own SSH port): one NETCONF session
 * per channel, its bytes in and out, ended with the channel either way.
 */
import type { ServerChannel } from 'ssh2';
import { type NetconfDevice, NetconfSession } from './session.js';

/** Session ids are unique within the lab process, as a device's are within the device. */
let lastSessionId = 0;

export function serveNetconfChannel(stream: ServerChannel, device: NetconfDevice): NetconfSession {
  const session = new NetconfSession(
    device,
    {
      write: (bytes) => {
        if (stream.writable) stream.write(bytes);
      },
      close: () => {
        stream.exit(0);
        stream.end();
      },
    },
    ++lastSessionId,
  );
  stream.on('data', (d: Buffer) => session.input(d));
  stream.on('close', () => session.stop());
  stream.on('error', () => session.stop());
  session.start();
  return session;
}
