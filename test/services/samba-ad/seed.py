#!/usr/bin/python3
"""Seeds the freshly provisioned Samba AD of samba-ad.sh offline (samba stopped), through Samba's own bindings.

Same shape as the OpenLDAP seed (test/services/ldap/seed.ldif): tenants as OUs (acme, globex), people and groups
below them, nested groups, a disabled account; plus what only a real AD does: an expired password (data 532), a
password that must be changed (data 773) and an account that locks after two bad passwords (data 775).
Group and account names (sAMAccountName) are unique across the domain, as AD demands; CNs may repeat per OU.
Usage: seed.py <smb.conf>
"""
import sys
import time

import ldb
from samba.auth import system_session
from samba.param import LoadParm
from samba.samdb import SamDB

lp = LoadParm()
lp.load(sys.argv[1])
samdb = SamDB(url=lp.samdb_url(), session_info=system_session(), lp=lp)
BASE = str(samdb.domain_dn())
SECOND = -10_000_000  # AD intervals are negative counts of 100 ns
DAY = 86400 * SECOND
# Samba's own control that lets a password set keep a given pwdLastSet (DSDB_CONTROL_PASSWORD_BYPASS_LAST_SET_OID).
BYPASS_LAST_SET = "local_oid:1.3.6.1.4.1.7165.4.3.20:0"


def add(dn, **attributes):
    samdb.add({"dn": f"{dn},{BASE}", **attributes})


def user(ou, login, given, surname, password, mail, **extra):
    # useusernameascn=None: the CN is the full name, as AD's own tools name people.
    samdb.newuser(login, password, userou=f"OU=people,OU={ou}", givenname=given, surname=surname,
                  useusernameascn=None, mailaddress=mail)
    dn = f"CN={given} {surname},OU=people,OU={ou},{BASE}"
    msg = ldb.Message(ldb.Dn(samdb, dn))
    msg["displayName"] = ldb.MessageElement(f"{given} {surname}", ldb.FLAG_MOD_REPLACE, "displayName")
    for name, value in extra.items():
        msg[name] = ldb.MessageElement(str(value), ldb.FLAG_MOD_REPLACE, name)
    samdb.modify(msg)
    return dn


def service_account(ou, login, password):
    samdb.newuser(login, password, userou=f"OU={ou}", useusernameascn=True,
                  description="read-only service bind account for the broker")


def group(ou, cn, account, members):
    dn = f"CN={cn},OU=groups,OU={ou},{BASE}"
    samdb.add({"dn": dn, "objectClass": "group", "sAMAccountName": account})
    msg = ldb.Message(ldb.Dn(samdb, dn))
    msg["member"] = ldb.MessageElement(members, ldb.FLAG_MOD_ADD, "member")
    samdb.modify(msg)
    return dn


for tenant in ("acme", "globex"):
    add(f"OU={tenant}", objectClass="organizationalUnit")
    add(f"OU=people,OU={tenant}", objectClass="organizationalUnit")
    add(f"OU=groups,OU={tenant}", objectClass="organizationalUnit")

# ---------------------------------------------------------------- acme
service_account("acme", "svc-broker", "Acme-Svc-Broker-1")
alice = user("acme", "alice", "Alice", "Anders", "Alice-Pass-1", "alice@acme.test")
bob = user("acme", "bob", "Bob", "Brown", "Bob-Pass-1", "bob@acme.test")
carol = user("acme", "carol", "Carol", "Chen", "Carol-Pass-1", "carol@acme.test")
# ACCOUNTDISABLE (0x2): AD refuses the bind with data 533 even for the right password.
oscar = user("acme", "oscar", "Oscar", "Olsen", "Oscar-Pass-1", "oscar@acme.test", userAccountControl=514)
# pwdLastSet 0: the user must change the password at next logon (data 773).
mike = user("acme", "mike", "Mike", "Moreau", "Mike-Pass-1", "mike@acme.test", pwdLastSet=0)
petra = user("acme", "petra", "Petra", "Pohl", "Petra-Pass-1", "petra@acme.test")
lou = user("acme", "lou", "Lou", "Lind", "Lou-Pass-1", "lou@acme.test")
helpdesk = group("acme", "helpdesk", "acme-helpdesk", [carol])
group("acme", "desktop-users", "acme-desktop-users", [alice, bob, oscar, helpdesk, mike, petra, lou])
group("acme", "desktop-admins", "acme-desktop-admins", [alice])
expiring = group("acme", "expiring-passwords", "acme-expiring-passwords", [petra])
locking = group("acme", "locking-accounts", "acme-locking-accounts", [lou])

# Fine-grained password policies: petra's passwords expire after two days (AD treats a maximum age of a day or less
# as "never"), lou locks out after two bad passwords for an hour (data 775).
PSO_COMMON = {
    "objectClass": "msDS-PasswordSettings",
    "msDS-PasswordReversibleEncryptionEnabled": "FALSE",
    "msDS-PasswordHistoryLength": "0",
    "msDS-PasswordComplexityEnabled": "FALSE",
    "msDS-MinimumPasswordLength": "0",
    "msDS-MinimumPasswordAge": "0",
}
samdb.add({**PSO_COMMON, "dn": f"CN=atrium-expired,CN=Password Settings Container,CN=System,{BASE}",
           "msDS-PasswordSettingsPrecedence": "10", "msDS-MaximumPasswordAge": str(2 * DAY),
           "msDS-LockoutThreshold": "0", "msDS-LockoutObservationWindow": str(60 * SECOND),
           "msDS-LockoutDuration": str(60 * SECOND), "msDS-PSOAppliesTo": expiring})
samdb.add({**PSO_COMMON, "dn": f"CN=atrium-locking,CN=Password Settings Container,CN=System,{BASE}",
           "msDS-PasswordSettingsPrecedence": "20", "msDS-MaximumPasswordAge": str(3650 * DAY),
           "msDS-LockoutThreshold": "2", "msDS-LockoutObservationWindow": str(3600 * SECOND),
           "msDS-LockoutDuration": str(3600 * SECOND), "msDS-PSOAppliesTo": locking})

# petra's password was set 30 days ago, so it has expired (data 532).
thirty_days_ago = int((time.time() - 30 * 86400 + 11_644_473_600) * 10_000_000)
msg = ldb.Message(ldb.Dn(samdb, petra))
msg["clearTextPassword"] = ldb.MessageElement("Petra-Pass-1".encode("utf-16-le"), ldb.FLAG_MOD_REPLACE,
                                              "clearTextPassword")
msg["pwdLastSet"] = ldb.MessageElement(str(thirty_days_ago), ldb.FLAG_MOD_REPLACE, "pwdLastSet")
samdb.modify(msg, controls=[BYPASS_LAST_SET])

# -------------------------------------------------------------- globex
service_account("globex", "svc-globex", "Globex-Svc-Reader-1")
dave = user("globex", "dave", "Dave", "Dumont", "Dave-Pass-1", "dave@globex.test")
erin = user("globex", "erin", "Erin", "Evans", "Erin-Pass-1", "erin@globex.test")
group("globex", "desktop-users", "globex-desktop-users", [dave, erin])
group("globex", "desktop-admins", "globex-desktop-admins", [dave])
ring_a = group("globex", "ring-a", "globex-ring-a", [erin])
ring_b = group("globex", "ring-b", "globex-ring-b", [ring_a])
msg = ldb.Message(ldb.Dn(samdb, ring_a))
msg["member"] = ldb.MessageElement([ring_b], ldb.FLAG_MOD_ADD, "member")
samdb.modify(msg)
