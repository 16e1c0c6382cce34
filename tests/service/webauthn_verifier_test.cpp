// The relying party's WebAuthn checks, against responses a test authenticator builds here
// with OpenSSL (a P-256 or RSA key, its signatures) and libcbor (COSE key, attestation
// object): every refusal of WebAuthn Level 2 sections 7.1 and 7.2 the bank relies on.
#include <cbor.h>
#include <gtest/gtest.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/sha.h>

#include <memory>
#include <string>

#include "service/webauthn_base64url.hpp"
#include "service/webauthn_public_key.hpp"
#include "service/webauthn_verifier.hpp"

namespace bank {
namespace {

constexpr std::string_view rp_id = "bank.example";
constexpr std::string_view origin = "https://bank.example";
constexpr std::string_view challenge = "a challenge the server issued";

std::string sha256(std::string_view bytes) {
    std::string digest(SHA256_DIGEST_LENGTH, '\0');
    SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
           reinterpret_cast<unsigned char*>(digest.data()));
    return digest;
}

std::string big_endian(std::uint32_t value, int bytes) {
    std::string out;
    for (int i = bytes - 1; i >= 0; --i)
        out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
    return out;
}

std::string serialize(cbor_item_t* item) {
    unsigned char* buffer = nullptr;
    std::size_t size = 0;
    const std::size_t length = cbor_serialize_alloc(item, &buffer, &size);
    std::string bytes(reinterpret_cast<char*>(buffer), length);
    free(buffer);
    cbor_decref(&item);
    return bytes;
}

void add(cbor_item_t* map, cbor_item_t* key, cbor_item_t* value) {
    cbor_map_add(map, cbor_pair{cbor_move(key), cbor_move(value)});
}

cbor_item_t* cbor_integer(std::int64_t value) {
    return value >= 0 ? cbor_build_uint64(static_cast<std::uint64_t>(value))
                      : cbor_build_negint64(static_cast<std::uint64_t>(-1 - value));
}

cbor_item_t* cbor_bytes(std::string_view bytes) {
    return cbor_build_bytestring(reinterpret_cast<cbor_data>(bytes.data()), bytes.size());
}

// A software authenticator: one key pair, the authenticator data and signatures it makes.
class TestAuthenticator {
public:
    explicit TestAuthenticator(bool rsa = false) : rsa_(rsa) {
        key_.reset(rsa ? EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", std::size_t{2048})
                       : EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    }

    std::string credential_id = "credential-0001";
    std::uint8_t flags = 0x01 | 0x04;  // UP and UV
    std::uint32_t sign_count = 1;

    std::string cose_key() const {
        cbor_item_t* map = cbor_new_definite_map(rsa_ ? 4 : 5);
        if (rsa_) {
            add(map, cbor_integer(1), cbor_integer(3));
            add(map, cbor_integer(3), cbor_integer(cose_algorithm_rs256));
            add(map, cbor_integer(-1), cbor_bytes(bignum(OSSL_PKEY_PARAM_RSA_N)));
            add(map, cbor_integer(-2), cbor_bytes(bignum(OSSL_PKEY_PARAM_RSA_E)));
        } else {
            std::string point(65, '\0');
            std::size_t length = 0;
            EVP_PKEY_get_octet_string_param(key_.get(), OSSL_PKEY_PARAM_PUB_KEY,
                                            reinterpret_cast<unsigned char*>(point.data()),
                                            point.size(), &length);
            add(map, cbor_integer(1), cbor_integer(2));
            add(map, cbor_integer(3), cbor_integer(cose_algorithm_es256));
            add(map, cbor_integer(-1), cbor_integer(1));
            add(map, cbor_integer(-2), cbor_bytes(point.substr(1, 32)));
            add(map, cbor_integer(-3), cbor_bytes(point.substr(33, 32)));
        }
        return serialize(map);
    }

    std::string authenticator_data(bool attested, std::string_view for_rp_id = rp_id) const {
        std::string data = sha256(for_rp_id);
        data.push_back(static_cast<char>(flags | (attested ? 0x40 : 0)));
        data += big_endian(sign_count, 4);
        if (attested) {
            data += std::string(16, '\0');  // AAGUID: none
            data += big_endian(static_cast<std::uint32_t>(credential_id.size()), 2);
            data += credential_id + cose_key();
        }
        return data;
    }

    std::string sign(std::string_view message) const {
        std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> context(EVP_MD_CTX_new(),
                                                                   EVP_MD_CTX_free);
        EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, key_.get());
        std::size_t length = 0;
        EVP_DigestSign(context.get(), nullptr, &length,
                       reinterpret_cast<const unsigned char*>(message.data()), message.size());
        std::string signature(length, '\0');
        EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                       reinterpret_cast<const unsigned char*>(message.data()), message.size());
        signature.resize(length);
        return signature;
    }

private:
    std::string bignum(const char* name) const {
        BIGNUM* number = nullptr;
        EVP_PKEY_get_bn_param(key_.get(), name, &number);
        std::string bytes(static_cast<std::size_t>(BN_num_bytes(number)), '\0');
        BN_bn2bin(number, reinterpret_cast<unsigned char*>(bytes.data()));
        BN_free(number);
        return bytes;
    }

    bool rsa_ = false;
    std::unique_ptr<EVP_PKEY, void (*)(EVP_PKEY*)> key_{nullptr, EVP_PKEY_free};
};

std::string client_data(std::string_view type, std::string_view issued = challenge,
                        std::string_view from_origin = origin) {
    return R"({"type":")" + std::string(type) + R"(","challenge":")" + base64url_encode(issued) +
           R"(","origin":")" + std::string(from_origin) + R"(","crossOrigin":false})";
}

std::string attestation_object(std::string_view authenticator_data,
                               std::string_view format = "none") {
    cbor_item_t* map = cbor_new_definite_map(3);
    add(map, cbor_build_string("fmt"), cbor_build_stringn(format.data(), format.size()));
    add(map, cbor_build_string("attStmt"), cbor_new_definite_map(0));
    add(map, cbor_build_string("authData"), cbor_bytes(authenticator_data));
    return serialize(map);
}

const WebAuthnVerifier verifier{std::string(rp_id), std::string(origin)};

WebAuthnRegistrationResponse registration(const TestAuthenticator& authenticator,
                                          std::string_view issued = challenge) {
    return {client_data("webauthn.create", issued),
            attestation_object(authenticator.authenticator_data(true))};
}

WebAuthnAssertionResponse assertion(const TestAuthenticator& authenticator,
                                    std::string client_data_json = client_data("webauthn.get"),
                                    std::string_view for_rp_id = rp_id) {
    WebAuthnAssertionResponse response;
    response.credential_id = authenticator.credential_id;
    response.client_data_json = std::move(client_data_json);
    response.authenticator_data = authenticator.authenticator_data(false, for_rp_id);
    response.signature =
        authenticator.sign(response.authenticator_data + sha256(response.client_data_json));
    return response;
}

WebAuthnStatus registration_status(const WebAuthnRegistrationResponse& response,
                                   bool user_verification_required = false) {
    return verifier.verify_registration(response, challenge, user_verification_required).status;
}

WebAuthnStatus assertion_status(const TestAuthenticator& authenticator,
                                const WebAuthnAssertionResponse& response,
                                bool user_verification_required = false) {
    return verifier
        .verify_assertion(response, challenge, authenticator.cose_key(), user_verification_required)
        .status;
}

TEST(WebAuthnBase64url, RoundTripsAndRefusesNonCanonicalText) {
    EXPECT_EQ(base64url_encode("\xfb\xff"), "-_8");
    EXPECT_EQ(base64url_decode("-_8"), std::string("\xfb\xff"));
    EXPECT_EQ(base64url_decode(""), std::string());
    EXPECT_FALSE(base64url_decode("-_8="));  // padding
    EXPECT_FALSE(base64url_decode("-_9"));   // stray bits: not the canonical spelling
    EXPECT_FALSE(base64url_decode("a+b/"));  // the standard alphabet
    EXPECT_FALSE(base64url_decode("abcde"));
}

TEST(WebAuthnVerifier, ReadsTheRpIdAndOriginFromThePublicUrl) {
    const auto https = WebAuthnVerifier::for_public_url("https://bank.example:8443/app");
    ASSERT_TRUE(https);
    EXPECT_EQ(https->rp_id(), "bank.example");
    EXPECT_EQ(https->origin(), "https://bank.example:8443");
    const auto local = WebAuthnVerifier::for_public_url("http://localhost:8080");
    ASSERT_TRUE(local);
    EXPECT_EQ(local->rp_id(), "localhost");
    EXPECT_EQ(local->origin(), "http://localhost:8080");
    EXPECT_FALSE(WebAuthnVerifier::for_public_url("http://127.0.0.1:8080"));
    EXPECT_FALSE(WebAuthnVerifier::for_public_url("ftp://bank.example"));
    EXPECT_FALSE(WebAuthnVerifier::for_public_url("https://user@bank.example"));
}

TEST(WebAuthnVerifier, RegistersAnEs256Credential) {
    const TestAuthenticator authenticator;
    const auto outcome = verifier.verify_registration(registration(authenticator), challenge, true);
    ASSERT_EQ(outcome.status, WebAuthnStatus::ok);
    EXPECT_EQ(outcome.value.credential_id, authenticator.credential_id);
    EXPECT_EQ(outcome.value.public_key_cose, authenticator.cose_key());
    EXPECT_EQ(outcome.value.sign_count, 1U);
    EXPECT_TRUE(outcome.value.user_verified);
    const auto key = WebAuthnPublicKey::from_cose(outcome.value.public_key_cose);
    ASSERT_TRUE(key);
    EXPECT_EQ(key->algorithm(), cose_algorithm_es256);
}

TEST(WebAuthnVerifier, RegistersAndChecksAnRs256Credential) {
    const TestAuthenticator authenticator(true);
    EXPECT_EQ(registration_status(registration(authenticator)), WebAuthnStatus::ok);
    EXPECT_EQ(assertion_status(authenticator, assertion(authenticator)), WebAuthnStatus::ok);
}

TEST(WebAuthnVerifier, RefusesARegistrationForAnotherOriginChallengeTypeOrRpId) {
    const TestAuthenticator authenticator;
    const std::string attested = attestation_object(authenticator.authenticator_data(true));
    EXPECT_EQ(registration_status(
                  {client_data("webauthn.create", challenge, "https://evil.example"), attested}),
              WebAuthnStatus::wrong_origin);
    EXPECT_EQ(registration_status(registration(authenticator, "another challenge")),
              WebAuthnStatus::wrong_challenge);
    EXPECT_EQ(registration_status({client_data("webauthn.get"), attested}),
              WebAuthnStatus::wrong_type);
    const std::string other_rp =
        attestation_object(authenticator.authenticator_data(true, "evil.example"));
    EXPECT_EQ(registration_status({client_data("webauthn.create"), other_rp}),
              WebAuthnStatus::wrong_rp_id);
}

TEST(WebAuthnVerifier, RefusesARegistrationWithoutPresenceOrAttestationNone) {
    TestAuthenticator authenticator;
    EXPECT_EQ(
        registration_status({client_data("webauthn.create"),
                             attestation_object(authenticator.authenticator_data(true), "packed")}),
        WebAuthnStatus::unsupported_attestation);
    EXPECT_EQ(registration_status({client_data("webauthn.create"),
                                   attestation_object(authenticator.authenticator_data(false))}),
              WebAuthnStatus::unsupported_attestation);
    authenticator.flags = 0x01;  // present, not verified
    EXPECT_EQ(registration_status(registration(authenticator), true),
              WebAuthnStatus::user_not_verified);
    EXPECT_EQ(registration_status(registration(authenticator), false), WebAuthnStatus::ok);
    authenticator.flags = 0x00;
    EXPECT_EQ(registration_status(registration(authenticator)), WebAuthnStatus::user_not_present);
}

TEST(WebAuthnVerifier, RefusesMalformedResponses) {
    const TestAuthenticator authenticator;
    EXPECT_EQ(registration_status({"not json", attestation_object("")}), WebAuthnStatus::malformed);
    EXPECT_EQ(registration_status({client_data("webauthn.create"), "\xa1"}),
              WebAuthnStatus::malformed);
    std::string cut = authenticator.authenticator_data(true);
    cut.resize(cut.size() - 3);
    EXPECT_EQ(registration_status({client_data("webauthn.create"), attestation_object(cut)}),
              WebAuthnStatus::malformed);
    WebAuthnAssertionResponse short_data = assertion(authenticator);
    short_data.authenticator_data.resize(20);
    EXPECT_EQ(assertion_status(authenticator, short_data), WebAuthnStatus::malformed);
}

TEST(WebAuthnVerifier, AcceptsAnAssertionSignedByTheStoredKey) {
    TestAuthenticator authenticator;
    authenticator.sign_count = 7;
    const auto outcome = verifier.verify_assertion(assertion(authenticator), challenge,
                                                   authenticator.cose_key(), true);
    ASSERT_EQ(outcome.status, WebAuthnStatus::ok);
    EXPECT_EQ(outcome.value.sign_count, 7U);
    EXPECT_TRUE(outcome.value.user_verified);
}

TEST(WebAuthnVerifier, RefusesAnAssertionForAnotherOriginChallengeOrRpId) {
    const TestAuthenticator authenticator;
    EXPECT_EQ(assertion_status(authenticator,
                               assertion(authenticator, client_data("webauthn.get", challenge,
                                                                    "http://bank.example"))),
              WebAuthnStatus::wrong_origin);
    EXPECT_EQ(assertion_status(
                  authenticator,
                  assertion(authenticator, client_data("webauthn.get", "an older challenge"))),
              WebAuthnStatus::wrong_challenge);
    EXPECT_EQ(
        assertion_status(authenticator, assertion(authenticator, client_data("webauthn.create"))),
        WebAuthnStatus::wrong_type);
    EXPECT_EQ(assertion_status(authenticator, assertion(authenticator, client_data("webauthn.get"),
                                                        "bank.example.evil")),
              WebAuthnStatus::wrong_rp_id);
    std::string cross = client_data("webauthn.get");
    cross.replace(cross.find("false"), 5, "true");
    EXPECT_EQ(assertion_status(authenticator, assertion(authenticator, cross)),
              WebAuthnStatus::wrong_origin);
}

TEST(WebAuthnVerifier, RefusesAnAssertionWithoutPresenceOrVerification) {
    TestAuthenticator authenticator;
    authenticator.flags = 0x01;
    EXPECT_EQ(assertion_status(authenticator, assertion(authenticator), true),
              WebAuthnStatus::user_not_verified);
    authenticator.flags = 0x04;
    EXPECT_EQ(assertion_status(authenticator, assertion(authenticator)),
              WebAuthnStatus::user_not_present);
}

TEST(WebAuthnVerifier, RefusesABadSignature) {
    const TestAuthenticator authenticator;
    const TestAuthenticator another;
    WebAuthnAssertionResponse tampered = assertion(authenticator);
    tampered.authenticator_data[36] = 9;  // the counter changed after signing
    EXPECT_EQ(assertion_status(authenticator, tampered), WebAuthnStatus::bad_signature);
    EXPECT_EQ(assertion_status(another, assertion(authenticator)), WebAuthnStatus::bad_signature);
    WebAuthnAssertionResponse garbage = assertion(authenticator);
    garbage.signature = "not DER";
    EXPECT_EQ(assertion_status(authenticator, garbage), WebAuthnStatus::bad_signature);
}

TEST(WebAuthnVerifier, RefusesAKeyOtherThanEs256OrRs256) {
    cbor_item_t* map = cbor_new_definite_map(2);
    add(map, cbor_integer(1), cbor_integer(1));   // OKP
    add(map, cbor_integer(3), cbor_integer(-8));  // EdDSA
    EXPECT_FALSE(WebAuthnPublicKey::from_cose(serialize(map)));
    EXPECT_FALSE(WebAuthnPublicKey::from_cose("not cbor"));
}

}  // namespace
}  // namespace bank
