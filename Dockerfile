# Passerelle's service in a container: the data folder is a volume, the API listens on every
# interface and therefore requires an access token, given at run time (never baked in):
#   docker run -d -p 8640:8640 -v passerelle-data:/data -e PASSERELLE_TOKEN=… passerelle
#   or with a secret file: -e PASSERELLE_TOKEN_FILE=/run/secrets/passerelle_token

FROM node:20-bookworm-slim AS build
# better-sqlite3 compiles from source when no prebuilt binary can be fetched.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# Scripts off here: `prepare` builds, and the sources are not copied yet (dependencies stay cached).
RUN npm ci --ignore-scripts --no-audit --no-fund && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY bench ./bench
COPY test/simulators ./test/simulators
RUN npm run build && npm prune --omit=dev --ignore-scripts

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PASSERELLE_DATA_DIR=/data \
    PASSERELLE_PORT=8640
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The image's own non-root user owns the data folder and nothing else.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8640
# Asks /api/health with the same token as the service (PASSERELLE_TOKEN or PASSERELLE_TOKEN_FILE).
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
  CMD ["node", "dist/src/cli/main.js", "service", "health"]
# SIGTERM (docker stop) lets the service record its runs in progress before it exits.
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "dist/src/cli/main.js"]
CMD ["serve", "--host", "0.0.0.0"]
