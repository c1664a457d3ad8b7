/**
 * The NETCONF pieces without SSH: RFC 6242 framing (end-of-message markers and chunks, bytes
 * arriving one at a time, a switch between messages of one packet, broken framing), Junos
 * configuration text as set statements, and a session's hello exchange and its answer to
 * malformed XML over a recording channel. The XML reading itself: netconf-xml.test.ts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setStatements } from '../../src/lab/netconf/configuration-text.js';
import { FrameDecoder, FramingError, frame } from '../../src/lab/netconf/framing.js';
import { NetconfSession, ok } from '../../src/lab/netconf/session.js';

const drain = (d: FrameDecoder) => {
  const out: string[] = [];
  for (let m = d.next(); m !== undefined; m = d.next()) out.push(m);
  return out;
};

test('framing 1.0: messages end at ]]>]]>, one at a time, bytes arriving one by one', () => {
  const d = new FrameDecoder();
  for (const ch of '<a/>]]>]]><b/>]]>]]><c') {
    d.push(ch);
  }
  assert.deepEqual(drain(d), ['<a/>', '<b/>']);
  d.push('/>]]>');
  assert.deepEqual(drain(d), []);
  d.push(']]>');
  assert.deepEqual(drain(d), ['<c/>']);
  assert.equal(frame('<ok/>', 'end-of-message').toString(), '<ok/>]]>]]>');
});

test('framing 1.1: chunk sizes count octets; a message of several chunks; split anywhere', () => {
  const text = '<x>é€</x>';
  const bytes = Buffer.from(`\n#3\n<x>\n#${Buffer.byteLength('é€</x>')}\né€</x>\n##\n\n#5\n<ok/>\n##\n`);
  for (let cut = 0; cut <= bytes.length; cut++) {
    const d = new FrameDecoder('chunked');
    d.push(bytes.subarray(0, cut));
    const first = drain(d);
    d.push(bytes.subarray(cut));
    assert.deepEqual([...first, ...drain(d)], [text, '<ok/>'], `cut at byte ${cut}`);
  }
  assert.equal(frame(text, 'chunked').toString(), `\n#${Buffer.byteLength(text)}\n${text}\n##\n`);
});

test('framing: the switch to chunks after the hello, with the first rpc in the same packet', () => {
  const d = new FrameDecoder();
  d.push(`<hello/>]]>]]>${frame('<rpc message-id="1"/>', 'chunked').toString()}`);
  assert.equal(d.next(), '<hello/>');
  d.framing = 'chunked';
  assert.equal(d.next(), '<rpc message-id="1"/>');
  assert.equal(d.next(), undefined);
});

const BROKEN: [string, string][] = [
  ['no chunk header', '<rpc/>\n##\n'],
  ['a size with a leading zero', '\n#05\n<ok/>\n##\n'],
  ['size zero', '\n#0\n\n##\n'],
  ['the end of chunks before any chunk', '\n##\n'],
  ['a size past 4294967295', '\n#4294967296\nx'],
];
for (const [name, bytes] of BROKEN) {
  test(`framing 1.1 refuses ${name}`, () => {
    const d = new FrameDecoder('chunked');
    d.push(bytes);
    assert.throws(() => d.next(), FramingError);
  });
}

test('configuration text: braces as set statements; comments dropped; quoted values kept whole', () => {
  const r = setStatements(
    '/* lab */\nsystem {\n    ntp {\n        server 192.0.2.1;\n    }\n    # note\n    login { message "hello there"; }\n}\ninterfaces { ge-0/0/1 { unit 0 { family inet { address 10.0.0.1/24; } } } }',
  );
  assert.deepEqual(r, {
    ok: true,
    statements: [
      'set system ntp server 192.0.2.1',
      'set system login message "hello there"',
      'set interfaces ge-0/0/1 unit 0 family inet address 10.0.0.1/24',
    ],
  });
});

const BAD_TEXT: [string, string, RegExp][] = [
  ['an unclosed level', 'system { ntp { server 1.1.1.1; }', /'system \{' is not closed/],
  ['a stray close', 'system { }\n}', /line 2: '\}' closes nothing/],
  ['a missing semicolon', 'system { host-name x }', /missing ';' before '\}'/],
  ['a brace with no statement', '{ a; }', /'\{' without a statement/],
];
for (const [name, text, why] of BAD_TEXT) {
  test(`configuration text refuses ${name}`, () => {
    const r = setStatements(text);
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.message, why);
  });
}

/** A session on a recording channel: what it wrote, decoded as a client would, and whether it closed. */
function session(capabilities: string[]) {
  const written: Buffer[] = [];
  let closed = 0;
  let ended = 0;
  const device = { capabilities, operations: { 'get-thing': () => ok() }, closed: () => void ended++ };
  const s = new NetconfSession(device, { write: (b) => void written.push(b), close: () => void closed++ }, 42);
  s.start();
  return { s, out: () => Buffer.concat(written).toString('utf8'), closes: () => [closed, ended] };
}

test('session: hello first with its session-id; a client hello without a base capability ends the session', () => {
  const { s, out, closes } = session(['urn:ietf:params:netconf:base:1.0']);
  assert.match(out(), /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<hello [^>]*>[\s\S]*<session-id>42<\/session-id>\n<\/hello>\]\]>\]\]>$/);
  s.input(
    '<hello xmlns="urn:ietf:params:xml:ns:netconf:base:1.0"><capabilities><capability>urn:x</capability></capabilities></hello>]]>]]>',
  );
  assert.deepEqual(closes(), [1, 1]);
});

test('session: a server of base:1.0 only keeps end-of-message framing with a 1.1 client', () => {
  const { s, out } = session(['urn:ietf:params:netconf:base:1.0']);
  s.input(
    '<hello><capabilities><capability>urn:ietf:params:netconf:base:1.0</capability><capability>urn:ietf:params:netconf:base:1.1</capability></capabilities></hello>]]>]]>',
  );
  assert.equal(s.framing, 'end-of-message');
  s.input('<rpc message-id="a" xmlns="urn:ietf:params:xml:ns:netconf:base:1.0"><get-thing/></rpc>]]>]]>');
  assert.match(out(), /<rpc-reply xmlns="urn:ietf:params:xml:ns:netconf:base:1\.0" message-id="a">\n<ok\/>\n<\/rpc-reply>\]\]>\]\]>$/);
});

test('session: broken chunk framing ends the session (no way to find the next message)', () => {
  const { s, closes } = session(['urn:ietf:params:netconf:base:1.0', 'urn:ietf:params:netconf:base:1.1']);
  s.input('<hello><capabilities><capability>urn:ietf:params:netconf:base:1.1</capability></capabilities></hello>]]>]]>');
  assert.equal(s.framing, 'chunked');
  s.input('<rpc message-id="1"><get-thing/></rpc>]]>]]>');
  assert.deepEqual(closes(), [1, 1]);
});

test('session: malformed XML after the hello is an rpc-error naming the fault; the session goes on', () => {
  const { s, out, closes } = session(['urn:ietf:params:netconf:base:1.0']);
  s.input('<hello><capabilities><capability>urn:ietf:params:netconf:base:1.0</capability></capabilities></hello>]]>]]>');
  const said = (msg: string) => {
    const before = out().length;
    s.input(`${msg}]]>]]>`);
    return out().slice(before);
  };
  for (const [msg, why] of [
    ['<rpc message-id="1"><get-thing/>', /Unclosed tag 'rpc'/],
    ['<rpc message-id="2"><get-thing>&nbsp;</get-thing></rpc>', /unknown entity &amp;nbsp;/],
    ['<!DOCTYPE rpc [<!ENTITY x "y">]><rpc message-id="3"><get-thing/></rpc>', /entity &amp;x; is declared in a DTD/],
  ] as const) {
    const reply = said(msg);
    assert.match(reply, /<error-tag>malformed-message<\/error-tag>/, msg);
    assert.match(reply, why, msg);
  }
  assert.match(said('<rpc message-id="4"><get-thing/></rpc>'), /message-id="4">\n<ok\/>/);
  assert.deepEqual(closes(), [0, 0]);
});
