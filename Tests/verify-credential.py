#!/usr/bin/env python3
"""An independent verifier of board's Open Badges 3.0 credentials (VC-JWT, OB 3.0 section 8.2).

It shares no code with board: jwcrypto (PyPI) checks the EdDSA signature with the issuer's public
JWK pinned from issuer.json, never with the key a token carries; the Open Badges 3.0 / VC 2.0
structure and the registered claims are checked here from the specifications.

    python3 Tests/verify-credential.py ISSUER_JSON CREDENTIAL.jwt [CREDENTIAL.jwt ...]

Prints one line per credential and exits 0 when every one verifies, 1 otherwise (2 on bad usage).
"""
import json
import sys
from datetime import datetime, timezone

from jwcrypto import jwk, jws

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
# OB 3.0 AchievementType; extensions are written "ext:Name".
ACHIEVEMENT_TYPES = {
    "Achievement", "ApprenticeshipCertificate", "Assessment", "Assignment", "AssociateDegree", "Award",
    "Badge", "BachelorDegree", "Certificate", "CertificateOfCompletion", "Certification", "CommunityService",
    "Competency", "Course", "CoCurricular", "Degree", "Diploma", "DoctoralDegree", "Fieldwork",
    "GeneralEducationDevelopment", "JourneymanCertificate", "LearningProgram", "License", "Membership",
    "ProfessionalDoctorate", "QualityAssuranceCredential", "MasterCertificate", "MasterDegree",
    "MicroCredential", "ResearchDoctorate", "SecondarySchoolDiploma",
}


class Refused(Exception):
    pass


def require(condition, message):
    if not condition:
        raise Refused(message)


def types(value):
    return value if isinstance(value, list) else [value]


def pinned_issuer(path):
    with open(path, encoding="utf-8") as handle:
        profile = json.load(handle)
    methods = profile.get("verificationMethod") or []
    require(methods and "publicKeyJwk" in methods[0], f"{path}: no verificationMethod with a publicKeyJwk")
    public = methods[0]["publicKeyJwk"]
    require("d" not in public, f"{path}: the published JWK holds a private key")
    require(public.get("kty") == "OKP" and public.get("crv") == "Ed25519", f"{path}: the key is not Ed25519")
    return profile["id"], jwk.JWK(**public)


def timestamp(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def verify(path, issuer_id, key):
    with open(path, encoding="utf-8") as handle:
        raw = handle.read().strip()
    token = jws.JWS()
    token.allowed_algs = ["EdDSA"]
    try:
        token.deserialize(raw)
    except Exception as error:  # jwcrypto raises several kinds for a malformed token
        raise Refused(f"not a compact JWS: {error}")
    header = token.jose_header
    require(header.get("alg") == "EdDSA", f"alg is {header.get('alg')!r}, not EdDSA")
    require(header.get("typ", "JWT") == "JWT", f"typ is {header.get('typ')!r}, not JWT")
    require("jwk" in header, "the header carries no jwk")
    carried = jwk.JWK(**header["jwk"])
    require(carried.thumbprint() == key.thumbprint(), "the header's key is not the issuer's pinned key")
    try:
        token.verify(key, alg="EdDSA")
    except Exception as error:
        raise Refused(f"signature: {error}")

    claims = json.loads(token.payload)
    context = claims.get("@context", [])
    require(context[:1] == [VC_CONTEXT] and OB_CONTEXT in context, f"@context {context}")
    require({"VerifiableCredential", "OpenBadgeCredential"} <= set(types(claims.get("type"))), "type")
    for member in ("id", "name", "issuer", "validFrom", "credentialSubject"):
        require(member in claims, f"no {member}")
    issuer = claims["issuer"]
    require(isinstance(issuer, dict) and "Profile" in types(issuer.get("type")) and issuer.get("name"), "issuer profile")
    require(issuer.get("id") == issuer_id, f"issuer.id {issuer.get('id')!r} is not the pinned issuer")
    require(claims.get("iss") == issuer["id"], "iss differs from issuer.id")
    require(claims.get("jti") == claims["id"], "jti differs from id")
    subject = claims["credentialSubject"]
    require("AchievementSubject" in types(subject.get("type")), "credentialSubject.type")
    require(subject.get("id") or subject.get("identifier"), "credentialSubject has no id or identifier")
    if "id" in subject:
        require(claims.get("sub") == subject["id"], "sub differs from credentialSubject.id")
    valid_from = timestamp(claims["validFrom"])
    require(claims.get("nbf") == int(valid_from.timestamp()), "nbf differs from validFrom")
    require(valid_from <= datetime.now(timezone.utc), "validFrom is in the future")
    if "validUntil" in claims:
        require(timestamp(claims["validUntil"]) > datetime.now(timezone.utc), "expired")
    achievement = subject.get("achievement") or {}
    for member in ("id", "type", "name", "description", "criteria"):
        require(member in achievement, f"no credentialSubject.achievement.{member}")
    require("Achievement" in types(achievement["type"]), "achievement.type")
    kind = achievement.get("achievementType")
    require(kind in ACHIEVEMENT_TYPES or str(kind).startswith("ext:"), f"achievementType {kind!r}")
    require(isinstance(achievement.get("creditsAvailable"), (int, float)), "no numeric creditsAvailable")
    criteria = achievement["criteria"]
    require(criteria.get("narrative") or criteria.get("id"), "criteria has neither narrative nor id")
    descriptions = {d["id"]: d for d in achievement.get("resultDescription", [])}
    for result in subject.get("result", []):
        require("Result" in types(result.get("type")), "result.type")
        linked = result.get("resultDescription")
        require(linked is None or linked in descriptions, f"result links to an unknown resultDescription {linked}")
    return f"{kind}: {achievement['name']} ({claims['validFrom'][:10]})"


def main(arguments):
    if len(arguments) < 2:
        print(__doc__.strip().splitlines()[3].strip(), file=sys.stderr)
        return 2
    try:
        issuer_id, key = pinned_issuer(arguments[0])
    except (OSError, ValueError, KeyError, Refused) as error:
        print(f"REFUSED {arguments[0]}: {error}")
        return 1
    failures = 0
    for path in arguments[1:]:
        try:
            print(f"VERIFIED {path}: {verify(path, issuer_id, key)}")
        except (OSError, ValueError, Refused) as error:
            failures += 1
            print(f"REFUSED {path}: {error}")
    print(f"{len(arguments) - 1 - failures} verified, {failures} refused")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
