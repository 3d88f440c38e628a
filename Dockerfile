# syntax=docker/dockerfile:1

# Both stages use Node 24 LTS pinned to an exact release, so a rebuild gets the same runtime.
# Bump both lines deliberately, together with NODE_PINNED in tools/node-env.sh (a test checks).

# ---- build: install all dependencies and compile TypeScript to dist/ ----
FROM node:24.21.0-bookworm-slim AS build
WORKDIR /app

COPY package.json package-lock.json ./
RUN npm ci

COPY tsconfig*.json ./
COPY src/ ./src/
RUN npm run build

# ---- runtime: production dependencies + compiled output only ----
FROM node:24.21.0-bookworm-slim AS runtime
ENV NODE_ENV=production
# Memory (each process stays under 200 MB; `npm run bench` P4 starts the roles as this image does).
# A role's live heap is ~45 MB after a full GC, two thirds of it module code; what took its RSS past
# 200 MB was runtime defaults: V8 on Node 24 grows the young generation to 2 x 32 MB
# (--max-semi-space-size=8 keeps it to 2 x 8 MB), and glibc gives each thread its own malloc arena,
# which kept ~30 MB of freed memory after a burst of requests (two arenas in all).
ENV MALLOC_ARENA_MAX=2
WORKDIR /app

# Everything under /app stays owned by root: the "node" user that runs the bot can read the code
# but not change it, so a compromised process cannot rewrite what runs after a restart.
COPY package*.json ./
RUN npm ci --omit=dev && npm cache clean --force

COPY --from=build /app/dist ./dist

# The official node images ship an unprivileged "node" user.
USER node

# ROLE=web|worker|all (default all); PORT defaults to 3000.
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"

CMD ["node", "--max-semi-space-size=8", "dist/main.js"]
