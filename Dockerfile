# One image for both process kinds: `python main.py service` or `python main.py worker`.
FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 HF_HUB_OFFLINE=1 PIIMASK_DATA_DIR=/data PIIMASK_BLOB_ROOT=/data/blobs \
    PIIMASK_KEYRING=/run/secrets/piimask_keyring
WORKDIR /app
# torch.compile's inductor builds the model's CPU kernels with a C++ compiler (PIIMASK_COMPILE; without one the
# service logs a warning and runs the model uncompiled)
RUN apt-get update && apt-get install -y --no-install-recommends g++ && rm -rf /var/lib/apt/lists/*
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
EXPOSE 8000
CMD ["python", "main.py", "service", "--host", "0.0.0.0", "--port", "8000"]
