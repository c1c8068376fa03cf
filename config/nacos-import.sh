#!/bin/sh
# Publishes every service file of config/ to a Nacos 3 server as a data id of the same name
# (DEFAULT_GROUP, type yaml): the same keys the services read locally from these files, read under
# the `nacos` profile from Nacos instead. Idempotent: publishing again overwrites with the file.
#
#   NACOS_ADDR=127.0.0.1:8848 [NACOS_USERNAME=nacos NACOS_PASSWORD=...] [NACOS_NAMESPACE=public] config/nacos-import.sh
#
# POSIX sh and curl only, so it runs in a plain curl container (docker-compose runs it once Nacos is up).
set -eu

addr=${NACOS_ADDR:-127.0.0.1:8848}
namespace=${NACOS_NAMESPACE:-public}
group=${NACOS_GROUP:-DEFAULT_GROUP}
dir=$(cd "$(dirname "$0")" && pwd)

# Nacos 3 has no v1 config API; its admin API wants a token when auth is on.
token=""
if [ -n "${NACOS_USERNAME:-}" ]; then
  login=$(curl -fsS -X POST "http://$addr/nacos/v3/auth/user/login" \
    --data-urlencode "username=$NACOS_USERNAME" --data-urlencode "password=${NACOS_PASSWORD:-}") \
    || { echo "nacos-import: login to $addr as $NACOS_USERNAME failed" >&2; exit 1; }
  token=$(printf '%s' "$login" | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')
  [ -n "$token" ] || { echo "nacos-import: no accessToken in login answer: $login" >&2; exit 1; }
fi

published=0
for file in "$dir"/*.yaml; do
  data_id=$(basename "$file")
  answer=$(curl -fsS -X POST "http://$addr/nacos/v3/admin/cs/config" \
    -H "accessToken: $token" \
    --data-urlencode "namespaceId=$namespace" \
    --data-urlencode "groupName=$group" \
    --data-urlencode "dataId=$data_id" \
    --data-urlencode "type=yaml" \
    --data-urlencode "content@$file") \
    || { echo "nacos-import: publishing $data_id to $addr failed" >&2; exit 1; }
  case "$answer" in
    *'"code":0'*) echo "published $group/$data_id"; published=$((published + 1)) ;;
    *) echo "nacos-import: Nacos refused $data_id: $answer" >&2; exit 1 ;;
  esac
done
echo "nacos-import: $published data ids published to $addr (namespace $namespace)"
