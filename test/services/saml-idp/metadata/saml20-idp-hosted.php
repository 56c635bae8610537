<?php
// One hosted IdP; its key pair is made by saml-idp.sh at start. NameIDs are persistent: an opaque, stable id per
// user and SP (saml:PersistentNameID), the kind of subject an SP must key accounts on.
$metadata['__DYNAMIC:1__'] = [
    'host' => '__DEFAULT__',
    'privatekey' => 'idp.key',
    'certificate' => 'idp.crt',
    'auth' => 'atrium-users',
    'NameIDFormat' => 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
    'attributes.NameFormat' => 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic',
    'authproc' => [
        10 => ['class' => 'saml:PersistentNameID', 'attribute' => 'uid'],
    ],
];
