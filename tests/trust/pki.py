"""Test-side PKI for revocation: CRLs and a real OCSP responder on loopback, built with ``cryptography``.

The software cards' test keys (:mod:`kyc_desk_testkit.softcard.test_keys`) become ``cryptography`` private
keys here, so a CRL or an OCSP answer is signed by exactly the CA key that signed the card's certificate
(or, for the negative cases, by another committed test key).
"""

from __future__ import annotations

import datetime as dt
import http.server
import socket
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509 import ocsp
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from kyc_desk_testkit.softcard.pki import softcard_issuers
from kyc_desk_testkit.softcard.rsa import RsaKey
from kyc_desk_testkit.softcard.test_keys import softcard_key

#: Loopback ports this worktree's tests may use (one is picked free from the range).
PORTS = range(18800, 18900)
SIGN_CERT_SERIAL = 0x2A0001  # the serial of every software card's signature certificate


def private_key(key: RsaKey) -> rsa.RSAPrivateKey:
    """The ``cryptography`` private key of a committed test key."""
    p, q, e = key.p, key.q, key.e
    d = pow(e, -1, (p - 1) * (q - 1))
    numbers = rsa.RSAPrivateNumbers(p, q, d, d % (p - 1), d % (q - 1), pow(q, -1, p), rsa.RSAPublicNumbers(e, p * q))
    return numbers.private_key()


def sign_ca() -> tuple[x509.Certificate, rsa.RSAPrivateKey]:
    """The test JPKI signature CA: certificate and key."""
    issuers = softcard_issuers()
    return x509.load_der_x509_certificate(issuers.sign_ca_cert), private_key(issuers.sign_ca_key)


def other_key() -> rsa.RSAPrivateKey:
    """A committed test key that is not the signature CA's (forged CRLs and responses)."""
    return private_key(softcard_key("rogue_ca"))


Reason = x509.ReasonFlags


def make_crl(
    *,
    revoked: tuple[tuple[int, Reason | None, dt.datetime], ...] = (),
    this_update: dt.datetime,
    next_update: dt.datetime,
    signer: rsa.RSAPrivateKey | None = None,
    with_key_id: bool = True,
) -> bytes:
    """A DER CRL under the signature CA's name, signed by its key (or ``signer``)."""
    ca_cert, ca_key = sign_ca()
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca_cert.subject)
        .last_update(this_update)
        .next_update(next_update)
        .add_extension(x509.CRLNumber(1), critical=False)
    )
    if with_key_id:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
    for serial, reason, when in revoked:
        entry = x509.RevokedCertificateBuilder().serial_number(serial).revocation_date(when)
        if reason is not None:
            entry = entry.add_extension(x509.CRLReason(reason), critical=False)
        builder = builder.add_revoked_certificate(entry.build())
    return builder.sign(signer or ca_key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)


def pem_crl(der: bytes) -> bytes:
    return x509.load_der_x509_crl(der).public_bytes(serialization.Encoding.PEM)


def free_port() -> int:
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free loopback port in 18800-18899")


@dataclass
class OcspResponder:
    """What the loopback responder answers (tests change it between requests).

    ``statuses``: serial → ("good"|"revoked"|"unknown", reason, revocation time); ``signer``: the CA's
    own key, a delegated responder certificate the CA issued, or a signature that is not the CA's (a
    forgery); ``nonce``: echo the request's, answer with another one (a replay), or leave it out.
    """

    statuses: dict[int, tuple[str, Reason | None, dt.datetime | None]] = field(default_factory=dict)
    signer: Literal["ca", "delegated", "other"] = "ca"
    nonce: Literal["echo", "wrong", "none"] = "echo"
    requests: list[bytes] = field(default_factory=list)

    def answer(self, body: bytes) -> bytes:
        self.requests.append(body)
        request = ocsp.load_der_ocsp_request(body)
        ca_cert, ca_key = sign_ca()
        state, reason, when = self.statuses.get(request.serial_number, ("unknown", None, None))
        status = {"good": ocsp.OCSPCertStatus.GOOD, "revoked": ocsp.OCSPCertStatus.REVOKED}.get(
            state, ocsp.OCSPCertStatus.UNKNOWN
        )
        now = dt.datetime.now(dt.UTC)
        # cryptography's builder needs the certificate itself; it uses only its serial and issuer here
        subject = _stand_in(request.serial_number, ca_cert, ca_key)
        builder = ocsp.OCSPResponseBuilder().add_response(
            cert=subject, issuer=ca_cert, algorithm=hashes.SHA1(), cert_status=status,
            this_update=now - dt.timedelta(minutes=1), next_update=now + dt.timedelta(hours=1),
            revocation_time=when if state == "revoked" else None,
            revocation_reason=reason if state == "revoked" else None,
        )  # fmt: skip
        key = ca_key
        if self.signer == "delegated":
            responder_cert, key = _delegated_responder(ca_cert, ca_key)
            builder = builder.responder_id(ocsp.OCSPResponderEncoding.HASH, responder_cert).certificates(
                [responder_cert]
            )
        else:
            builder = builder.responder_id(ocsp.OCSPResponderEncoding.HASH, ca_cert)
        if self.nonce != "none":
            nonce = next(
                (e.value.nonce for e in request.extensions if isinstance(e.value, x509.OCSPNonce)), b"\x00" * 16
            )
            if self.nonce == "wrong":
                nonce = bytes(b ^ 0xFF for b in nonce)
            builder = builder.add_extension(x509.OCSPNonce(nonce), critical=False)
        der = builder.sign(key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)
        if self.signer == "other":  # the CA's name and key id, but not its signature (no certs: it ends the DER)
            der = der[:-1] + bytes((der[-1] ^ 0x01,))
        return der


def _stand_in(serial: int, ca_cert: x509.Certificate, ca_key: rsa.RSAPrivateKey) -> x509.Certificate:
    now = dt.datetime.now(dt.UTC)
    return (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "stand-in")]))
        .issuer_name(ca_cert.subject)
        .public_key(ca_key.public_key())
        .serial_number(serial)
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .sign(ca_key, hashes.SHA256())
    )


def _delegated_responder(
    ca_cert: x509.Certificate, ca_key: rsa.RSAPrivateKey
) -> tuple[x509.Certificate, rsa.RSAPrivateKey]:
    key = other_key()
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "KYC Desk TEST OCSP responder")]))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(0x0C5B01)
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.OCSP_SIGNING]), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    return cert, key


@contextmanager
def serve_ocsp(responder: OcspResponder, tls: TlsFiles | None = None) -> Iterator[str]:
    """Serve ``responder`` on loopback (HTTPS requiring a client certificate with ``tls``); yields its URL."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            answer = responder.answer(body)
            self.send_response(200)
            self.send_header("Content-Type", "application/ocsp-response")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    scheme = "http"
    if tls is not None:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_verify_locations(tls.ca)
        context.load_cert_chain(tls.server)
        context.verify_mode = ssl.CERT_REQUIRED  # no client certificate, no answer
        server.socket = context.wrap_socket(server.socket, server_side=True)
        scheme = "https"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"{scheme}://127.0.0.1:{server.server_address[1]}/ocsp"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def write_crl(folder: Path, name: str, der: bytes) -> Path:
    path = folder / name
    path.write_bytes(der)
    return path


@dataclass(frozen=True)
class TlsFiles:
    """A loopback TLS set-up: a test CA, the server's certificate and key, a client certificate + key."""

    ca: Path
    server: Path  # certificate and key, PEM
    client: Path  # certificate and key, PEM (what the settings' ocsp_client_certificate names)


def tls_files(folder: Path) -> TlsFiles:
    """Certificates for an HTTPS responder on 127.0.0.1 that requires a client certificate."""
    now = dt.datetime.now(dt.UTC)
    ca_key, server_key, client_key = (
        private_key(softcard_key(r)) for r in ("rogue_ca", "jpki_sign_ca", "jpki_auth_ca")
    )
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "KYC Desk TEST TLS CA")])

    def issue(name: str, key: rsa.RSAPrivateKey, *, ca: bool = False, server: bool = False) -> x509.Certificate:
        builder = (
            x509.CertificateBuilder()
            .subject_name(ca_name if ca else x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)]))
            .issuer_name(ca_name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=2))
            .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        )
        if server:
            import ipaddress

            builder = builder.add_extension(
                x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False
            )
        return builder.sign(ca_key, hashes.SHA256())

    def pem_pair(cert: x509.Certificate, key: rsa.RSAPrivateKey) -> bytes:
        return cert.public_bytes(serialization.Encoding.PEM) + key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )

    folder.mkdir(parents=True, exist_ok=True)
    files = TlsFiles(folder / "tls-ca.pem", folder / "server.pem", folder / "client.pem")
    files.ca.write_bytes(issue("ca", ca_key, ca=True).public_bytes(serialization.Encoding.PEM))
    files.server.write_bytes(pem_pair(issue("127.0.0.1", server_key, server=True), server_key))
    files.client.write_bytes(pem_pair(issue("KYC Desk TEST office", client_key), client_key))
    return files
