FROM node:20-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY . .
RUN npm ci --no-audit --no-fund
ENV TZ=UTC NODE_ENV=production HUB_BIND=0.0.0.0
EXPOSE 3000
CMD ["node", "dist/apps/api/src/main.js"]
