#!/bin/sh
# Stand-in for the nginx image's entrypoint (Debian's nginx), for the local deploy check only.
exec nginx -g 'daemon off;' "$@"
