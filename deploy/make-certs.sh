#!/usr/bin/env bash
# A throwaway self-signed certificate for the compose proxy (deploy/nginx.conf reads
# deploy/certs/fullchain.pem and privkey.pem), for checks on this machine only: browsers and Twilio
# will not trust it. A real deployment puts its own certificate there (or terminates TLS in front).
# The key is made here, kept mode 0600 and never committed (deploy/certs/.gitignore).
#
#   deploy/make-certs.sh [--force] [FOLDER] [HOST...]   (default: deploy/certs localhost 127.0.0.1)
set -euo pipefail
force=0
if [[ "${1:-}" == "--force" ]]; then force=1; shift; fi
folder="${1:-$(dirname "$0")/certs}"
[[ $# -gt 0 ]] && shift
hosts=("$@")
[[ ${#hosts[@]} -eq 0 ]] && hosts=(localhost 127.0.0.1)

command -v openssl >/dev/null || { echo "openssl is needed (apt-get install openssl)" >&2; exit 1; }
mkdir -p "$folder"
cert="$folder/fullchain.pem"
key="$folder/privkey.pem"
if [[ $force -eq 0 && -s "$cert" && -s "$key" ]] && openssl x509 -checkend 86400 -noout -in "$cert" >/dev/null; then
  echo "$cert is there and valid for another day (--force makes a new one)"
  exit 0
fi

san=""
for host in "${hosts[@]}"; do
  if [[ "$host" =~ ^[0-9.]+$ || "$host" == *:* ]]; then san+="IP:$host,"; else san+="DNS:$host,"; fi
done
umask 077
openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 30 \
  -subj "/CN=${hosts[0]}/O=helpline local check (throwaway)" \
  -addext "subjectAltName=${san%,}" \
  -keyout "$key.tmp" -out "$cert.tmp" 2>/dev/null
chmod 600 "$key.tmp"
chmod 644 "$cert.tmp"
mv "$key.tmp" "$key"
mv "$cert.tmp" "$cert"
echo "wrote $cert and $key (self-signed, 30 days, for ${hosts[*]})"
