# The Precinct Desk center as a container image: compiled JavaScript (center/dist/cli.js, built
# with esbuild) run by plain node, no TypeScript at run time; its dashboard page built by Vite
# (center/dist/web). PostgreSQL runs outside the container
# (DATABASE_URL); see docs/OPERATIONS.md.
#   docker build -t precinct-center .
#   docker run -e DATABASE_URL=postgres://… -e CENTER_ADMIN_TOKEN=… -e CENTER_TRUST_PROXY=… \
#     -e CENTER_SIGNING_KEY_FILE=/run/secrets/signing-key.jwk -p 127.0.0.1:8787:8787 precinct-center
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY center/package.json center/
# Electron and the desktop app's tooling are not needed for the center: no install scripts.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.base.json vite.center.config.ts ./
COPY shared shared
COPY data data
# The trainer's page and the dashboard take their ky/ru/en strings from the app's locales.
COPY locales locales
COPY scripts/build-center.mjs scripts/
COPY center center
RUN npm run -w center build

FROM node:22-bookworm-slim
ENV NODE_ENV=production \
    CENTER_HOST=0.0.0.0 \
    CENTER_PORT=8787
WORKDIR /app
COPY package.json package-lock.json ./
COPY center/package.json center/
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/center/dist center/dist
COPY center/migrations center/migrations
USER node
EXPOSE 8787
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:'+(process.env.CENTER_PORT||8787)+'/api/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "center/dist/cli.js", "serve"]
