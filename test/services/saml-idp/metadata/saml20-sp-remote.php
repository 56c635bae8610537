<?php
// Service providers are registered at run time by the tests: one JSON file per SP in $STATE/sp/ (written by
// test/src/idp/simplesamlphp.ts), because the SP's entity id and ACS URL name a provider created by the test.
foreach (glob(getenv('ATRIUM_SAML_IDP_SP_DIR') . '/*.json') ?: [] as $file) {
    $sp = json_decode((string) file_get_contents($file), true);
    if (!is_array($sp) || !isset($sp['entityId'], $sp['acsUrl'])) {
        continue;
    }
    $entry = [
        'AssertionConsumerService' => [[
            'Binding' => 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST',
            'Location' => $sp['acsUrl'],
        ]],
        'NameIDFormat' => $sp['nameIdFormat'] ?? 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
        'saml20.sign.assertion' => true,
        'saml20.sign.response' => true,
    ];
    if (isset($sp['signingCertificate'])) {
        // The SP signs its AuthnRequests: refuse unsigned or wrongly signed ones.
        $entry['certData'] = preg_replace('/-----[^-]+-----|\s+/', '', $sp['signingCertificate']);
        $entry['validate.authnrequest'] = true;
    }
    $metadata[$sp['entityId']] = $entry;
}
