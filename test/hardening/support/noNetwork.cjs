// Preloaded with `node --require` by test/hardening/security.test.ts: any attempt to reach the network
// (TCP/TLS/HTTP(S)/fetch/DNS/UDP) throws and is recorded on stderr, so the run fails loudly.
const fail = (what) => () => {
  process.stderr.write(`NETWORK BLOCKED: ${what}\n`);
  process.exitCode = 99;
  throw new Error(`network access blocked in this test: ${what}`);
};
const net = require("node:net");
const tls = require("node:tls");
const http = require("node:http");
const https = require("node:https");
const dns = require("node:dns");
const dgram = require("node:dgram");
net.connect = net.createConnection = fail("net.connect");
net.Socket.prototype.connect = fail("net.Socket.connect");
tls.connect = fail("tls.connect");
for (const mod of [http, https]) mod.request = mod.get = fail("http(s).request");
dns.lookup = dns.resolve = fail("dns");
dns.promises.lookup = dns.promises.resolve = fail("dns.promises");
dgram.createSocket = fail("dgram");
globalThis.fetch = fail("fetch");
