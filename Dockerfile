# syntax=docker/dockerfile:1
# The image the CI/CD components run in: Node 24 (slim Debian, glibc for the prebuilt chart
# renderer), production dependencies only, the chart font (fonts/), the compiled CLI on PATH
# as `community-pulse`, running as the unprivileged `node` user. No ENTRYPOINT: GitLab runs job
# scripts through the image's shell.
ARG NODE_IMAGE=node:24-slim

# Build: compile src/ to dist/ with the project's TypeScript, then bundle the ECharts modules the
# charts use into dist/render/echarts.js: `npm run build`'s two steps (package.json), run directly.
FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
# --ignore-scripts: the dev dependency `node` (Node 24 for npm scripts on older hosts) would fetch
# a second Node binary in its install script; this image already has Node 24. (The bundler's native
# binary is an optional dependency package, not an install script.)
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts ./scripts
RUN node node_modules/typescript/bin/tsc -p tsconfig.build.json \
 && node scripts/build-echarts.ts

# Runtime: what `npm pack` would ship, installed with production dependencies only.
FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    NO_UPDATE_NOTIFIER=1
# git: in merge-request pipelines `preview` and `check --online` read the goals file of the target
# branch with `git show` (the connection settings are taken from there, not from the MR).
RUN apt-get update \
 && apt-get install -y --no-install-recommends git ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/community-pulse
COPY package.json package-lock.json ./
# The lockfile also lists the development-only sample world, the demo/ workspace, and its msw,
# smtp-server and graphql as production packages: npm ci leaves them out only because demo/ is not
# in the build context (.dockerignore), so never copy it in.
# ECharts is not among the production dependencies (dist/ holds a bundle of the parts the charts
# use) and the chart font ships in fonts/. Then drop TypeScript, which the CLI never loads (an
# optional peer that cosmiconfig, under mjml, requires only for .ts config files): node_modules is
# 80 MB (`npm run check:install` measures it; the budget is 110 MB).
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && rm -rf node_modules/typescript \
 && npm cache clean --force \
 && rm -rf /root/.npm /tmp/*
COPY --from=build /src/dist ./dist
COPY bin ./bin
COPY fonts ./fonts
COPY templates ./templates
COPY examples ./examples
COPY goals.schema.json README.md ./
COPY docs ./docs
RUN ln -s /opt/community-pulse/bin/community-pulse.js /usr/local/bin/community-pulse \
 && community-pulse --version
LABEL org.opencontainers.image.title="community-pulse" \
      org.opencontainers.image.description="Monthly Developer Relations performance indicators as a GitLab CI/CD component" \
      org.opencontainers.image.licenses="MIT"
USER node
WORKDIR /home/node
CMD ["community-pulse", "--help"]
