# syntax=docker/dockerfile:1
# incident-scribe: the bot in a container. Build: docker build -t incident-scribe .
# See README.md → Deploying for how to run it, and what was and was not built on our machines.

# ---- build: compile src/ into dist/, then keep only production dependencies -------------------
FROM node:20-bookworm-slim AS build
# node-gyp needs these to compile better-sqlite3 when no prebuilt binary fits.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY src ./src
# npm ci with dev dependencies: its prepare step compiles src/ into dist/ with TypeScript (ADR
# 0015); then the dev dependencies go, so no test tools reach the image. Install scripts run here
# (better-sqlite3 builds).
RUN npm ci --no-audit --no-fund \
 && npm prune --omit=dev --no-audit --no-fund \
 && node -e "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()"

# ---- runtime: the compiled JavaScript and native modules, no compiler, a non-root user -------
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    DATABASE_PATH=/data/scribe.db \
    PORT=3000
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json package-lock.json ./
COPY bin ./bin
COPY migrations ./migrations
# The image's `node` user (uid 1000) owns the data volume and nothing else.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# Node is PID 1 and receives SIGTERM itself (exec form, no npm or shell in between); the bot
# handles SIGTERM with its graceful shutdown (drains work for up to 20 s, then closes the
# database). Give the container at least 30 s to stop (compose: stop_grace_period).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/main.js"]
