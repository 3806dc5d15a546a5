# Builds the SPA, then the backend; the container migrates the database and serves both on one port.
FROM node:20-bookworm-slim AS spa
WORKDIR /src/frontend
COPY frontend/ ./
RUN if [ -f package.json ]; then npm ci && npm run build; else mkdir -p dist; fi

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/app/.venv ITAKU_SPA_DIR=/app/frontend/dist
RUN pip install --no-cache-dir uv==0.13.8 && useradd --create-home --uid 10001 itaku
WORKDIR /app/backend
COPY backend/pyproject.toml backend/uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project
COPY backend/ ./
RUN uv sync --frozen --no-dev
COPY --from=spa /src/frontend/dist /app/frontend/dist
RUN mkdir -p /data/uploads && chown itaku /data/uploads
USER itaku
EXPOSE 8000
CMD ["sh", "-c", "/app/.venv/bin/itaku migrate && exec /app/.venv/bin/itaku serve --host 0.0.0.0"]
