/**
 * A stand-in push service (issue 17) on 127.0.0.1, speaking the protocol a browser vendor's push
 * service speaks to the Worker, so the tests check the Worker's real output at the true edge:
 *
 * - `POST /subscribers` (JSON, all optional: `{ respond, applicationServerKey }`) makes a
 *   subscriber the way a browser's `pushManager.subscribe` does: an ECDH P-256 key pair and a
 *   16-byte auth secret held here, answered as `{ id, endpoint, keys: { p256dh, auth } }`.
 *   `respond` scripts the status its push requests get (default 201; 404 or 410 to play an
 *   expired subscription, 500 a broken service). With `applicationServerKey` set, a push must
 *   carry that key (RFC 8292 §4.2).
 * - `POST /push/<id>` is the push resource (RFC 8030 §5). It checks the `Authorization: vapid
 *   t=<JWT>, k=<key>` header (RFC 8292: an ES256 JWT verified with `k`, `aud` the endpoint's
 *   origin, `exp` in the future and within 24 hours, `sub` a mailto: or https: contact), the
 *   `TTL` header and `Content-Encoding: aes128gcm`; decrypts the body per RFC 8291/8188 with
 *   node:crypto (ECDH, HKDF, AES-128-GCM: done by hand here, on the test side, which is what
 *   proves the library's output); records the decrypted JSON; answers 201 (or the scripted status).
 *   A request that fails a check is answered 400/401/403 and recorded with the reason.
 * - `GET /received?id=<id>` answers `{ received: [...], rejected: [...] }` for one subscriber.
 *
 * The Worker tests get its URL from a globalSetup (tests/worker/setup/fake-push-service.ts,
 * `inject("pushServiceUrl")`); the browser tests start one of their own with `startPushService()`.
 */
import {
  createDecipheriv,
  createECDH,
  createPublicKey,
  type ECDH,
  hkdfSync,
  randomBytes,
  randomUUID,
  verify,
} from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { ReceivedPush, ReceivedReport, RejectedPush, SubscriberInfo } from "./push-service-client";

export * from "./push-service-client";

interface Subscriber {
  ecdh: ECDH;
  publicKey: Buffer;
  auth: Buffer;
  respond: number;
  applicationServerKey: string | null;
  received: ReceivedPush[];
  rejected: RejectedPush[];
}

const b64u = (buf: Buffer | Uint8Array) => Buffer.from(buf).toString("base64url");

class Reject extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readBody(req: IncomingMessage, limit = 8192): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Reject(413, "body larger than the push service accepts");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** RFC 8292 §3: `vapid t=<jwt>, k=<key>`, verified. */
function checkVapid(
  header: string | undefined,
  origin: string,
): { aud: string; sub: string; exp: number; key: string } {
  if (!header) throw new Reject(401, "no Authorization header");
  const match = /^vapid\s+(.+)$/i.exec(header.trim());
  if (!match?.[1]) throw new Reject(401, "Authorization is not the vapid scheme");
  const params = new Map<string, string>();
  for (const part of match[1].split(",")) {
    const [k, ...v] = part.trim().split("=");
    if (k) params.set(k.trim().toLowerCase(), v.join("=").trim());
  }
  const token = params.get("t");
  const key = params.get("k");
  if (!token || !key) throw new Reject(401, "vapid needs t= and k=");
  const point = Buffer.from(key, "base64url");
  if (point.length !== 65 || point[0] !== 0x04) throw new Reject(401, "k is not an uncompressed P-256 key");
  const [h, p, s] = token.split(".");
  if (!h || !p || !s) throw new Reject(401, "t is not a JWT");
  let header_: { alg?: string };
  let claims: { aud?: unknown; exp?: unknown; sub?: unknown };
  try {
    header_ = JSON.parse(Buffer.from(h, "base64url").toString("utf8"));
    claims = JSON.parse(Buffer.from(p, "base64url").toString("utf8"));
  } catch {
    throw new Reject(401, "the JWT's parts are not JSON");
  }
  if (header_.alg !== "ES256") throw new Reject(401, `JWT alg is ${header_.alg}, not ES256`);
  const publicKey = createPublicKey({
    key: {
      kty: "EC",
      crv: "P-256",
      x: b64u(point.subarray(1, 33)),
      y: b64u(point.subarray(33, 65)),
    },
    format: "jwk",
  });
  const signature = Buffer.from(s, "base64url");
  const ok =
    signature.length === 64 &&
    verify("sha256", Buffer.from(`${h}.${p}`), { key: publicKey, dsaEncoding: "ieee-p1363" }, signature);
  if (!ok) throw new Reject(401, "the JWT's signature does not verify with k");
  if (claims.aud !== origin) throw new Reject(401, `JWT aud is ${String(claims.aud)}, not ${origin}`);
  const now = Math.floor(Date.now() / 1000);
  if (typeof claims.exp !== "number" || claims.exp <= now) throw new Reject(401, "JWT exp is missing or past");
  if (claims.exp > now + 24 * 3600 + 60) throw new Reject(401, "JWT exp is more than 24 hours ahead");
  if (typeof claims.sub !== "string" || !/^(mailto:|https:)/.test(claims.sub)) {
    throw new Reject(401, "JWT sub is not a mailto: or https: contact");
  }
  return { aud: claims.aud, sub: claims.sub, exp: claims.exp, key };
}

/** RFC 8291 §3.4 and RFC 8188 §2: one aes128gcm record, decrypted with the subscriber's keys. */
export function decryptAes128gcm(body: Buffer, ecdh: ECDH, uaPublic: Buffer, authSecret: Buffer): string {
  if (body.length < 21 + 65 + 17) throw new Reject(400, "body too short for an aes128gcm record");
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body[20] ?? 0;
  if (idlen !== 65) throw new Reject(400, `keyid is ${idlen} bytes, not a 65-byte P-256 key`);
  const asPublic = body.subarray(21, 21 + idlen);
  const ciphertext = body.subarray(21 + idlen);
  if (rs < 18 || ciphertext.length > rs) throw new Reject(400, "more than one record, or a bad record size");
  let secret: Buffer;
  try {
    secret = ecdh.computeSecret(asPublic);
  } catch {
    throw new Reject(400, "the sender's key is not a P-256 point");
  }
  const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), uaPublic, asPublic]);
  const ikm = Buffer.from(hkdfSync("sha256", secret, authSecret, keyInfo, 32));
  const cek = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: aes128gcm\0"), 16));
  const nonce = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: nonce\0"), 12));
  const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  let plain: Buffer;
  try {
    plain = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  } catch {
    throw new Reject(400, "the body does not decrypt (aes128gcm with this subscriber's keys)");
  }
  // Padding: the data, then the last-record delimiter 0x02, then zeros.
  let end = plain.length - 1;
  while (end >= 0 && plain[end] === 0) end--;
  if (end < 0 || plain[end] !== 0x02) throw new Reject(400, "no last-record delimiter (0x02) after the data");
  return plain.subarray(0, end).toString("utf8");
}

export interface PushService {
  url: string;
  close(): Promise<void>;
}

/** Starts the stand-in on 127.0.0.1 (a free port). */
export async function startPushService(): Promise<PushService> {
  const subscribers = new Map<string, Subscriber>();
  const sockets = new Set<Socket>();

  function send(res: ServerResponse, status: number, body?: unknown) {
    if (body === undefined) {
      res.writeHead(status).end();
      return;
    }
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  }

  async function createSubscriber(req: IncomingMessage, res: ServerResponse, origin: string) {
    const raw = await readBody(req);
    const options = raw.length
      ? (JSON.parse(raw.toString("utf8")) as { respond?: number; applicationServerKey?: string })
      : {};
    const ecdh = createECDH("prime256v1");
    const publicKey = ecdh.generateKeys();
    const auth = randomBytes(16);
    const id = randomUUID();
    subscribers.set(id, {
      ecdh,
      publicKey,
      auth,
      respond: options.respond ?? 201,
      applicationServerKey: options.applicationServerKey ?? null,
      received: [],
      rejected: [],
    });
    const info: SubscriberInfo = {
      id,
      endpoint: `${origin}/push/${id}`,
      keys: { p256dh: b64u(publicKey), auth: b64u(auth) },
    };
    send(res, 201, info);
  }

  async function push(req: IncomingMessage, res: ServerResponse, id: string, origin: string) {
    const sub = subscribers.get(id);
    if (!sub) {
      send(res, 404);
      return;
    }
    try {
      const vapid = checkVapid(req.headers.authorization, origin);
      if (sub.applicationServerKey && vapid.key !== sub.applicationServerKey) {
        throw new Reject(403, "k is not the applicationServerKey this subscription was made with");
      }
      const ttlHeader = req.headers.ttl;
      if (typeof ttlHeader !== "string" || !/^\d+$/.test(ttlHeader)) throw new Reject(400, "no valid TTL header");
      if (req.headers["content-encoding"] !== "aes128gcm") {
        throw new Reject(415, `Content-Encoding is ${req.headers["content-encoding"]}, not aes128gcm`);
      }
      const body = await readBody(req, 4096);
      const text = decryptAes128gcm(body, sub.ecdh, sub.publicKey, sub.auth);
      let payload: unknown;
      try {
        payload = JSON.parse(text);
      } catch {
        payload = text;
      }
      sub.received.push({
        payload,
        text,
        ttl: Number(ttlHeader),
        urgency: (req.headers.urgency as string | undefined) ?? null,
        topic: (req.headers.topic as string | undefined) ?? null,
        aud: vapid.aud,
        sub: vapid.sub,
        exp: vapid.exp,
        vapidKey: vapid.key,
        status: sub.respond,
        at: Date.now(),
      });
      send(res, sub.respond);
    } catch (error) {
      const status = error instanceof Reject ? error.status : 400;
      const reason = error instanceof Error ? error.message : String(error);
      sub.rejected.push({ reason, status, at: Date.now() });
      send(res, status, { reason });
    }
  }

  const server = createServer((req, res) => {
    const origin = `http://${req.headers.host ?? "127.0.0.1"}`;
    const url = new URL(req.url ?? "/", origin);
    const pushId = /^\/push\/([0-9a-f-]{36})$/.exec(url.pathname)?.[1];
    let work: Promise<void>;
    if (req.method === "POST" && url.pathname === "/subscribers") work = createSubscriber(req, res, origin);
    else if (req.method === "POST" && pushId) work = push(req, res, pushId, origin);
    else if (req.method === "GET" && url.pathname === "/received") {
      const sub = subscribers.get(url.searchParams.get("id") ?? "");
      work = Promise.resolve(
        sub
          ? send(res, 200, { received: sub.received, rejected: sub.rejected } satisfies ReceivedReport)
          : send(res, 404),
      );
    } else work = Promise.resolve(send(res, 404));
    work.catch((error) => {
      if (!res.headersSent) send(res, 500, { reason: String(error) });
      else res.destroy();
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the push service stand-in has no port");
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
