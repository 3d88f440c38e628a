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

CMD ["node", "dist/main.js"]
