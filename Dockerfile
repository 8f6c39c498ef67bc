# Debrief on Node 22 LTS. Runs the TypeScript sources directly (Node's type stripping).
FROM node:22-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DEBRIEF_DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json ./
# --omit=dev: the image's own Node 22 runs the service, so the `node` devDependency is not needed.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund
COPY src ./src
COPY drizzle ./drizzle
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --retries=3 CMD node -e "fetch('http://127.0.0.1:3000/readyz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "--disable-warning=ExperimentalWarning", "src/server.ts"]
