// A software WebAuthn authenticator for the HTTP tests (no browser there): a P-256 key from
// node:crypto, the authenticator data, attestation object ("none") and clientDataJSON it
// would produce, and its ES256 signatures, as PublicKeyCredential JSON. The CBOR encoder is
// the few lines RFC 8949 needs for these maps (definite lengths, shortest heads).
import crypto from 'node:crypto';

function head(major, value) {
  if (value < 24) return Buffer.from([(major << 5) | value]);
  if (value < 0x100) return Buffer.from([(major << 5) | 24, value]);
  if (value < 0x10000) { const b = Buffer.alloc(3); b[0] = (major << 5) | 25; b.writeUInt16BE(value, 1); return b; }
  const b = Buffer.alloc(5); b[0] = (major << 5) | 26; b.writeUInt32BE(value, 1); return b;
}

// Numbers, strings, Buffers, arrays and Maps (a Map keeps integer keys as integers).
export function cbor(value) {
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string') { const bytes = Buffer.from(value, 'utf8'); return Buffer.concat([head(3, bytes.length), bytes]); }
  if (Buffer.isBuffer(value)) return Buffer.concat([head(2, value.length), value]);
  if (Array.isArray(value)) return Buffer.concat([head(4, value.length), ...value.map(cbor)]);
  if (value instanceof Map) {
    const parts = [head(5, value.size)];
    for (const [key, item] of value) parts.push(cbor(key), cbor(item));
    return Buffer.concat(parts);
  }
  throw new Error(`cbor: cannot encode ${typeof value}`);
}

const b64url = (bytes) => Buffer.from(bytes).toString('base64url');
const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest();

export class SoftAuthenticator {
  constructor({ rpId, origin }) {
    this.rpId = rpId;
    this.origin = origin;
    const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.privateKey = privateKey;
    this.jwk = publicKey.export({ format: 'jwk' });
    this.credentialId = crypto.randomBytes(32);
    this.signCount = 0;
    this.flags = 0x01 | 0x04; // user present, user verified
    this.userHandle = null;
  }

  get id() { return b64url(this.credentialId); }

  coseKey() {
    return cbor(new Map([[1, 2], [3, -7], [-1, 1],
      [-2, Buffer.from(this.jwk.x, 'base64url')], [-3, Buffer.from(this.jwk.y, 'base64url')]]));
  }

  authenticatorData({ attested = false, rpId = this.rpId, flags = this.flags } = {}) {
    const count = Buffer.alloc(4);
    count.writeUInt32BE(this.signCount);
    const parts = [sha256(rpId), Buffer.from([flags | (attested ? 0x40 : 0)]), count];
    if (attested) {
      const length = Buffer.alloc(2);
      length.writeUInt16BE(this.credentialId.length);
      parts.push(Buffer.alloc(16), length, this.credentialId, this.coseKey());
    }
    return Buffer.concat(parts);
  }

  clientData(type, challenge, origin = this.origin) {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  }

  // navigator.credentials.create() with the server's options; `tamper` changes what is sent.
  create(options, tamper = {}) {
    this.userHandle = options.user.id;
    this.signCount += 1;
    const clientDataJSON = this.clientData(tamper.type || 'webauthn.create', tamper.challenge || options.challenge, tamper.origin);
    const authData = this.authenticatorData({ attested: true, rpId: tamper.rpId, flags: tamper.flags });
    const attestationObject = cbor(new Map([['fmt', 'none'], ['attStmt', new Map()], ['authData', authData]]));
    return {
      id: this.id, rawId: this.id, type: 'public-key',
      response: { clientDataJSON: b64url(clientDataJSON), attestationObject: b64url(attestationObject) },
      clientExtensionResults: {},
    };
  }

  // navigator.credentials.get() with the server's options.
  get(options, tamper = {}) {
    if (tamper.keepCount !== true) this.signCount += 1;
    if (tamper.signCount !== undefined) this.signCount = tamper.signCount;
    const clientDataJSON = this.clientData(tamper.type || 'webauthn.get', tamper.challenge || options.challenge, tamper.origin);
    const authData = this.authenticatorData({ rpId: tamper.rpId, flags: tamper.flags });
    const signer = tamper.signer || this.privateKey;
    const signature = crypto.sign('sha256', Buffer.concat([authData, sha256(clientDataJSON)]), signer);
    return {
      id: this.id, rawId: this.id, type: 'public-key',
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        userHandle: tamper.userHandle !== undefined ? tamper.userHandle : this.userHandle,
      },
      clientExtensionResults: {},
    };
  }
}
