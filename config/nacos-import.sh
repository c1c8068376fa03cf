#!/bin/sh
# Publishes every service file of config/ to a Nacos 3 server as a data id of the same name
# (DEFAULT_GROUP, type yaml): the same keys the services read locally from these files, read under
# the `nacos` profile from Nacos instead. Idempotent: publishing again overwrites with the file.
#
#   NACOS_ADDR=127.0.0.1:8848 [NACOS_USERNAME=nacos NACOS_PASSWORD=... [NACOS_INIT_ADMIN=1]] \
#     [NACOS_NAMESPACE=public] config/nacos-import.sh
#
# Nacos 3's admin API (where configs are published) checks its callers unless the server runs with
# nacos.core.auth.admin.enabled=false (docker: NACOS_AUTH_ADMIN_ENABLE=false), even when
# nacos.core.auth.enabled=false. So either the server turns that off (docker-compose.yml does, for local
# use), or this script logs in as an admin: NACOS_USERNAME/NACOS_PASSWORD. NACOS_INIT_ADMIN=1 first creates
# the admin `nacos` with NACOS_PASSWORD on a server that has none yet (POST /nacos/v3/auth/user/admin).
#
# POSIX sh and curl only, so it runs in a plain curl container (docker-compose runs it once Nacos is up).
set -eu

addr=${NACOS_ADDR:-127.0.0.1:8848}
namespace=${NACOS_NAMESPACE:-public}
group=${NACOS_GROUP:-DEFAULT_GROUP}
dir=$(cd "$(dirname "$0")" && pwd)

fail() { echo "nacos-import: $*" >&2; exit 1; }

# post PATH [curl args...]: sets $status and $answer (the body), never fails on an HTTP error.
post() {
  path=$1
  shift
  out=$(curl -sS -X POST "http://$addr$path" -w '\n%{http_code}' "$@") || fail "cannot reach Nacos at $addr ($path)"
  status=$(printf '%s' "$out" | tail -n 1)
  answer=$(printf '%s' "$out" | sed '$d')
}

token=""
if [ -n "${NACOS_USERNAME:-}" ]; then
  if [ "${NACOS_INIT_ADMIN:-0}" = 1 ]; then
    post /nacos/v3/auth/user/admin --data-urlencode "password=${NACOS_PASSWORD:-}"
    case "$status:$answer" in
      200:*'"code":0'*) echo "nacos-import: created the admin user nacos" ;;
      *409*|*'have admin user'*) echo "nacos-import: Nacos has an admin already; logging in" ;;
      *) fail "creating the admin user on $addr failed (HTTP $status): $answer" ;;
    esac
  fi
  post /nacos/v3/auth/user/login --data-urlencode "username=$NACOS_USERNAME" --data-urlencode "password=${NACOS_PASSWORD:-}"
  [ "$status" = 200 ] || fail "login to $addr as $NACOS_USERNAME failed (HTTP $status): $answer"
  token=$(printf '%s' "$answer" | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')
  [ -n "$token" ] || fail "no accessToken in the login answer: $answer"
fi

published=0
for file in "$dir"/*.yaml; do
  data_id=$(basename "$file")
  post /nacos/v3/admin/cs/config -H "accessToken: $token" \
    --data-urlencode "namespaceId=$namespace" \
    --data-urlencode "groupName=$group" \
    --data-urlencode "dataId=$data_id" \
    --data-urlencode "type=yaml" \
    --data-urlencode "content@$file"
  case "$status:$answer" in
    200:*'"code":0'*) echo "published $group/$data_id"; published=$((published + 1)) ;;
    401:*|403:*)
      if [ -n "$token" ]; then
        fail "Nacos refused $data_id to $NACOS_USERNAME (HTTP $status): $answer. The user needs the admin role."
      fi
      fail "Nacos refused $data_id (HTTP $status): $answer. Its admin API checks callers even with
  nacos.core.auth.enabled=false: start Nacos with nacos.core.auth.admin.enabled=false (docker:
  NACOS_AUTH_ADMIN_ENABLE=false), or run this script with NACOS_USERNAME/NACOS_PASSWORD of an admin
  (NACOS_INIT_ADMIN=1 creates the admin 'nacos' with NACOS_PASSWORD on a server that has none)." ;;
    *) fail "Nacos refused $data_id (HTTP $status): $answer" ;;
  esac
done
echo "nacos-import: $published data ids published to $addr (namespace $namespace)"
