"""The second-factor part of web/openapi.json (TOTP, recovery codes, the second step of signing
in, step-up of transfers), added by tools/openapi_gen.py. Kept in a file of its own."""


def add_second_factor(paths, schemas, tags):
    S=schemas
    err=S['Error']
    err['properties']['error']['properties']['code']['enum'] += ['second_factor_required','step_up_required']
    err['description'] = ("Every error. With `second_factor_required` (POST /api/v1/login) it also carries `challenge_id`, "
      "`methods` and `expires_at`; with `step_up_required` (POST /api/v1/transfer) `challenge_id`, `payee`, `amount` and `expires_at`.")
    err['properties'].update({
      "challenge_id": {"type":"string","description":"What POST /api/v1/login/second-factor or the X-Step-Up header answers; single use, valid for 5 minutes"},
      "methods": {"type":"array","items":{"type":"string","enum":["totp","recovery_code"]}},
      "payee": {"type":"string","description":"The account number the step-up approves"},
      "amount": {"type":"string","description":"The amount the step-up approves"},
      "expires_at": {"type":"string","format":"date-time"},
    })
    S['RecoveryCodes']={"type":"object","additionalProperties":False,"required":["recovery_codes"],
      "properties":{"recovery_codes":{"type":"array","minItems":10,"maxItems":10,
        "items":{"type":"string","pattern":"^[0-9a-f]{4}(-[0-9a-f]{4}){3}$"},
        "description":"Ten single-use codes, shown this once (stored as SHA-256 hashes)"}}}
    S['TotpStatus']={"type":"object","additionalProperties":False,
      "required":["enrolled","pending","recovery_codes_left","step_up_threshold","step_up_policy"],
      "properties":{"enrolled":{"type":"boolean"},"pending":{"type":"boolean","description":"Enrolment started, waiting for its first code"},
        "recovery_codes_left":{"type":"integer","minimum":0},
        "step_up_threshold":{"type":"string","description":"Transfers above this amount need a step-up"},
        "step_up_policy":{"type":"string","enum":["enrolled","required","off"],"description":"The operator's BANK_STEP_UP"}}}
    S['TotpEnrolment']={"type":"object","additionalProperties":False,"required":["secret","otpauth_uri"],
      "properties":{"secret":{"type":"string","pattern":"^[A-Z2-7]+$","description":"Base32, for typing into an authenticator app"},
        "otpauth_uri":{"type":"string","pattern":"^otpauth://totp/","description":"What the enrolment QR code holds"}}}

    def e(desc): return {"description":desc,"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Error"}}}}
    def ok(desc, ref): return {"description":desc,"content":{"application/json":{"schema":{"$ref":"#/components/schemas/"+ref}}}}
    retry={"Retry-After":{"schema":{"type":"string","pattern":"^[0-9]+$"},"description":"Seconds to wait before trying again"}}
    def common(extra, body=True):
        r={"400":e("validation_failed: a field is missing or malformed; `field` names it"),
           "401":e("unauthenticated: no valid token or session"),
           "403":e("forbidden: a call authenticated by the session cookie without a matching X-CSRF-Token header"),
           "413":e("payload_too_large: the body exceeds 64 KiB"),
           "429":dict(e("rate_limited"),headers=retry),
           "500":e("internal: nothing leaked, nothing changed"),
           "503":dict(e("unavailable: the database cannot be reached; nothing changed"),headers=retry)}
        if body: r["415"]=e("unsupported_media_type")
        r.update(extra); return r
    def body(props, required):
        return {"required":True,"content":{"application/json":{"schema":{"type":"object","additionalProperties":False,
            "required":required,"properties":props}}}}
    code_prop={"code":{"type":"string","description":"The 6 digits the authenticator app shows now"}}
    bearer=[{"bearer":[]}]
    P=paths
    P['/api/v1/me/totp']={
     "get":{"operationId":"getTotpStatus","tags":["second factors"],"summary":"Your second factor and step-up setting",
       "description":"Whether an authenticator app (TOTP) is set up or waiting for its first code, how many recovery codes are left, your step-up threshold and the bank's step-up policy.",
       "security":bearer,"responses":common({"200":ok("The status","TotpStatus")},body=False)},
     "post":{"operationId":"startTotpEnrolment","tags":["second factors"],"summary":"Start setting up an authenticator app",
       "description":"Makes a new TOTP secret (RFC 6238: SHA-1, 6 digits, 30 s), stored encrypted with the server key. Nothing changes at sign-in until it is confirmed with a first code (POST /api/v1/me/totp/confirm). Starting again replaces an unconfirmed secret.",
       "security":bearer,"responses":common({"201":ok("The secret, once, and the otpauth URI for a QR code","TotpEnrolment"),
         "409":e("conflict: an authenticator app is set up already; remove it first")},body=False)},
     "delete":{"operationId":"removeTotp","tags":["second factors"],"summary":"Remove the authenticator app",
       "description":"Needs a current code (not one used before). Removes the recovery codes too; sign-in then needs the password alone.",
       "security":bearer,"requestBody":body(code_prop,["code"]),
       "responses":common({"200":{"description":"Removed","content":{"application/json":{"schema":{"type":"object","additionalProperties":False,"required":["removed"],"properties":{"removed":{"const":True}}}}}},
         "401":e("unauthenticated: no valid token or session, or the code is wrong or was used already (counts towards the sign-in lockout)"),
         "409":e("conflict: no authenticator app is set up"),
         "423":e("account_locked: five failures lock sign-in for 30 minutes")})},
    }
    P['/api/v1/me/totp/confirm']={"post":{"operationId":"confirmTotp","tags":["second factors"],"summary":"Confirm the authenticator app with its first code",
       "description":"From now on signing in and risky transfers need a code. Answers ten single-use recovery codes, shown this once.",
       "security":bearer,"requestBody":body(code_prop,["code"]),
       "responses":common({"200":ok("Set up; the recovery codes","RecoveryCodes"),
         "401":e("unauthenticated: no valid token or session, or the code is wrong (counts towards the sign-in lockout)"),
         "409":e("conflict: no enrolment started, or one is confirmed already"),
         "423":e("account_locked: five failures lock sign-in for 30 minutes")})}}
    P['/api/v1/me/totp/recovery-codes']={"post":{"operationId":"regenerateRecoveryCodes","tags":["second factors"],"summary":"Replace the recovery codes",
       "description":"Needs a current code. The old recovery codes stop working.",
       "security":bearer,"requestBody":body(code_prop,["code"]),
       "responses":common({"200":ok("The new recovery codes, shown this once","RecoveryCodes"),
         "401":e("unauthenticated: no valid token or session, or the code is wrong or was used already"),
         "409":e("conflict: no authenticator app is set up"),
         "423":e("account_locked: five failures lock sign-in for 30 minutes")})}}
    P['/api/v1/me/step-up-threshold']={"post":{"operationId":"setStepUpThreshold","tags":["second factors"],"summary":"Set the amount above which a transfer needs a step-up",
       "description":"Default $1,000.00; 0 makes every transfer ask for a code. Transfers to an account number never paid before always do (unless the bank's BANK_STEP_UP is off).",
       "security":bearer,"requestBody":body({"step_up_threshold":{"type":"string","description":"Decimal text, 0 to 1000000.00","examples":["500.00"]}},["step_up_threshold"]),
       "responses":common({"200":{"description":"Saved","content":{"application/json":{"schema":{"type":"object","additionalProperties":False,"required":["step_up_threshold"],"properties":{"step_up_threshold":{"type":"string"}}}}}}})}}
    P['/api/v1/login/second-factor']={"post":{"operationId":"completeSignInWithSecondFactor","tags":["auth"],"summary":"Finish signing in with a code or a recovery code",
       "description":"Answers the challenge of a 401 second_factor_required from POST /api/v1/login with the code the authenticator app shows (`code`) or one of the recovery codes (`recovery_code`), not both. A challenge lives 5 minutes and works once; a code is accepted once. Wrong codes count towards the same five-failure lockout as wrong passwords.",
       "security":[],"requestBody":body({"challenge_id":{"type":"string"},"code":code_prop["code"],"recovery_code":{"type":"string","description":"One of the ten recovery codes; dashes and case do not matter"}},["challenge_id"]),
       "responses":common({"200":ok("Signed in","Token"),
         "401":e("unauthenticated: the challenge is unknown, expired or used, or the code is wrong or was used already"),
         "409":e("conflict: the person has no authenticator app set up any more"),
         "423":e("account_locked: five failures lock sign-in for 30 minutes")})}}
    # login and transfer: the new 401s
    # Shared response objects of the generator are replaced, never changed in place.
    P['/api/v1/login']['post']['responses'] = dict(P['/api/v1/login']['post']['responses'])
    P['/api/v1/login']['post']['responses']['401'] = e("unauthenticated: wrong email or password; or second_factor_required: the password was right and "
      "the person has an authenticator app: finish with POST /api/v1/login/second-factor and the `challenge_id`")
    t=P['/api/v1/transfer']['post']
    t['parameters'] = t['parameters'] + [{"name":"X-Step-Up","in":"header","required":False,"schema":{"type":"string","pattern":"^[^:]+:[0-9]{6}$"},
      "description":"`<challenge_id>:<code>`: the answer to a 401 step_up_required for this very payee and amount (dynamic linking). Sent with the same request again."}]
    t['responses'] = dict(t['responses'])
    t['responses']['401'] = e("unauthenticated: no valid token or session; or step_up_required: a transfer to an account number you never paid before, or above "
      "your step-up threshold, needs a code from your authenticator app bound to this payee and amount: send the same request again with "
      "`X-Step-Up: <challenge_id>:<code>`. A code for another payee or amount, or an expired or used challenge, is refused with unauthenticated.")
    t['responses']['403'] = e(t['responses']['403']['description'] + "; or, with BANK_STEP_UP=required, a risky transfer by a person without an authenticator app")
    t['responses']['423']=e("account_locked: five wrong codes lock sign-in and step-up for 30 minutes")
    for name,desc in [("second factors","Authenticator app (TOTP), recovery codes and step-up for risky transfers")]:
        tags.append({"name":name,"description":desc})
