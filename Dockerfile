# cchc-index container image.
#   docker build -t cchc-index .
#   docker run -p 3000:3000 -v cchc-data:/app/data cchc-index          (embedded PGlite in /app/data)
#   docker run -p 3000:3000 -e DATABASE_URL=postgres://... cchc-index  (PostgreSQL server)
# The code supports Node >= 20.19; the image runs Node 22 LTS (Node 20 is past its end of life).

ARG NODE_IMAGE=node:22-bookworm-slim

# Runtime dependencies only (no dev dependencies). Its own stage, so it caches on the package files
# alone and runs in parallel with the build. npm ci installs exactly the lockfile, which records the
# package.json `overrides` (kysely-pglite-dialect on PGlite 0.5). No dependency needs install scripts.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm cache clean --force

# Compile TypeScript: dist/src/server.js, dist/src/migrate.js, dist/migrations/*.js.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/app/data
WORKDIR /app
# The application files stay owned by root (read-only for the service); only the data directory
# belongs to the unprivileged `node` user. It is created before VOLUME so the ownership is kept.
RUN mkdir -p /app/data && chown node:node /app/data
# package.json is needed at runtime: its "type": "module" makes Node load dist/*.js as ES modules.
COPY package.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
VOLUME ["/app/data"]
USER node
EXPOSE 3000
# No curl in slim images: Node's own fetch. Follows PORT if it is overridden.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Exec form: node is PID 1 and receives SIGTERM itself; the server then stops accepting connections,
# finishes in-flight requests (10 s grace) and closes the database.
STOPSIGNAL SIGTERM
CMD ["node", "dist/src/server.js"]
