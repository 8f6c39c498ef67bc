# Debrief on Node 22 LTS. Stage 1 bundles the service (needs the dev dependencies); the image itself
# holds only the production dependencies, the bundle and the files read at runtime.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/lint/package.json ./packages/lint/
# --ignore-scripts: the image's own Node 22 builds and runs; the `node` devDependency is not needed.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY src ./src
COPY packages/lint/src ./packages/lint/src
COPY scripts ./scripts
COPY tsconfig.json ./
COPY drizzle ./drizzle
COPY web ./web
RUN npm run build:service && npm run build:web

FROM node:22-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DEBRIEF_DATA_DIR=/data
WORKDIR /app
# The workspace manifest is needed by npm ci; the linter itself is inside the bundle.
COPY package.json package-lock.json ./
COPY packages/lint/package.json ./packages/lint/
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund
COPY bin/server.js ./bin/server.js
COPY --from=build /app/dist/service ./dist/service
# The web page served at / (content-hashed assets).
COPY --from=build /app/dist/public ./dist/public
# Read at runtime: the export templates and the migrations.
COPY templates ./templates
COPY drizzle ./drizzle
# The embedded database and the generated secret key live in /data (a volume in docker-compose.yml).
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "bin/server.js"]
