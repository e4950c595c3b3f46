#!/usr/bin/env bash
# Walks a corridor bill through issue, endorsement, pledge, release and surrender over the HTTP API.
# Start a node first (npm start), then: examples/walkthrough.sh [http://127.0.0.1:8080] [landsea-data]
set -euo pipefail
BASE="${1:-http://127.0.0.1:8080}"
KEYS="${2:-landsea-data}/demo-keys.json"
key() { node -e "console.log(require('./$KEYS')['$1'].apiKey)"; }
id() { node -e "console.log(require('./$KEYS')['$1'].id)"; }
post() { curl -sS -X POST "$BASE$1" -H "authorization: Bearer $(key "$2")" -H 'content-type: application/json' -d "$3"; }
summary() { node -e "const r=JSON.parse(require('fs').readFileSync(0));const s=r.record?.state;console.log(r.error?'refused: '+r.error.code+' '+r.error.message:s.status+', possessor '+s.possessor+', entry '+r.entry.entryChecksum)"; }

CARRIER=$(id carrier); SHIPPER=$(id shipper); BANK=$(id cnBank); CONSIGNEE=$(id consignee)
DOC=$(node -e "
const d=require('./examples/corridor-bill.json');
d.transportDocumentReference='LSWALK'+Date.now().toString().slice(-8);
d.documentParties.issuingParty.identifyingCodes[0].partyCode='$CARRIER';
d.documentParties.shipper.identifyingCodes[0].partyCode='$SHIPPER';
console.log(JSON.stringify({document:d}))")

echo '== draft'; BILL=$(post /api/ebl carrier "$DOC" | node -pe 'JSON.parse(require("fs").readFileSync(0)).id')
echo "bill $BILL"
echo '== issue to the shipper';            post "/api/ebl/$BILL/issue" carrier "{\"recipient\":\"$SHIPPER\"}" | summary
echo '== endorse to the bank';             post "/api/ebl/$BILL/actions" shipper "{\"action\":\"ENDORSE_TO_ORDER\",\"recipient\":\"$BANK\"}" | summary
echo '== pledge to the bank';              post "/api/ebl/$BILL/actions" shipper "{\"action\":\"TRANSFER\",\"recipient\":\"$BANK\",\"pledge\":\"PLEDGE\"}" | summary
echo '== the bank endorses to the consignee'; post "/api/ebl/$BILL/actions" cnBank "{\"action\":\"ENDORSE\",\"recipient\":\"$CONSIGNEE\"}" | summary
echo '== release to the consignee';        post "/api/ebl/$BILL/actions" cnBank "{\"action\":\"TRANSFER\",\"recipient\":\"$CONSIGNEE\",\"pledge\":\"RELEASE\"}" | summary
echo '== surrender for delivery';          post "/api/ebl/$BILL/actions" consignee '{"action":"SURRENDER_FOR_DELIVERY"}' | summary
echo '== the carrier accepts';             post "/api/ebl/$BILL/actions" carrier "{\"action\":\"SACC\",\"recipient\":\"$CONSIGNEE\"}" | summary
echo '== the signed chain';                curl -sS "$BASE/api/ebl/$BILL/history" -H "authorization: Bearer $(key consignee)" | node -e "for (const e of JSON.parse(require('fs').readFileSync(0)).entries) console.log(e.seq, e.payload.action, e.jws.slice(0, 60) + '…')"
