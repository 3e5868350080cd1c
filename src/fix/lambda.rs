//! Lambda proxy responses (Node, Python): CORS headers on every path,
//! errors included; and the payload / timeout work-arounds.

use super::common::{comment, fill, Vals};
use super::Fix;

fn js_cors_lines(v: &Vals) -> String {
    let mut l = vec![format!("cors['Access-Control-Allow-Origin'] = origin;")];
    if v.credentials {
        l.push("cors['Access-Control-Allow-Credentials'] = 'true';".to_string());
    }
    if !v.expose.is_empty() {
        l.push(format!(
            "cors['Access-Control-Expose-Headers'] = '{}';",
            v.expose_csv()
        ));
    }
    l.join("\n")
}

fn py_cors_lines(v: &Vals) -> String {
    let mut l = vec!["cors[\"Access-Control-Allow-Origin\"] = origin".to_string()];
    if v.credentials {
        l.push("cors[\"Access-Control-Allow-Credentials\"] = \"true\"".to_string());
    }
    if !v.expose.is_empty() {
        l.push(format!(
            "cors[\"Access-Control-Expose-Headers\"] = \"{}\"",
            v.expose_csv()
        ));
    }
    l.join("\n")
}

/// Node.js handler adding CORS headers on every path.
pub(crate) fn node(v: &Vals, notes: &[String]) -> Fix {
    let text = fill(
        "// Lambda behind API Gateway's proxy integration or a function URL (Node.js 18+): the response
// reaches the browser as returned, so every return path, errors included, carries the CORS headers.
@@NOTES@@
@@NOTE@@
const ALLOWED_ORIGINS = new Set([
  '@@ORIGIN@@',
]);

function corsHeaders(event) {
  const headers = event.headers || {};
  const origin = headers.origin || headers.Origin;
  const cors = { Vary: 'Origin' }; // the answer depends on Origin: caches must key on it
  if (origin && ALLOWED_ORIGINS.has(origin)) {
    @@CORS@@
  }
  return cors;
}

export const handler = async (event) => {
  const cors = corsHeaders(event);
  const method = event.httpMethod || event.requestContext?.http?.method;
  if (method === 'OPTIONS') {
    return {
      statusCode: 204,
      headers: {
        ...cors,
        'Access-Control-Allow-Methods': '@@METHODS@@',
        'Access-Control-Allow-Headers': '@@HEADERS@@',
        'Access-Control-Max-Age': '600',
      },
      body: '',
    };
  }
  try {
    const result = await handle(event);
    return {
      statusCode: 200,
      headers: { ...cors, 'Content-Type': 'application/json' },
      body: JSON.stringify(result),
    };
  } catch (err) {
    console.error(err);
    return {
      statusCode: err.statusCode || 500,
      headers: { ...cors, 'Content-Type': 'application/json' },
      body: JSON.stringify({ message: err.statusCode ? err.message : 'Internal server error' }),
    };
  }
};

async function handle(event) {
  // your existing code: return the response body; throw (with err.statusCode) on errors
}",
        &[
            ("NOTES", comment("//", notes)),
            ("NOTE", v.origin_note("//")),
            ("ORIGIN", v.origin.clone()),
            ("CORS", js_cors_lines(v)),
            ("METHODS", v.methods_csv()),
            ("HEADERS", v.headers_csv()),
        ],
    );
    Fix {
        target: "lambda-node".to_string(),
        title: "Lambda (Node.js): CORS headers on every response, errors included".to_string(),
        text,
    }
}

/// Python handler adding CORS headers on every path.
pub(crate) fn python(v: &Vals, notes: &[String]) -> Fix {
    let text = fill(
        "# Lambda behind API Gateway's proxy integration or a function URL (Python): the response
# reaches the browser as returned, so every return path, errors included, carries the CORS headers.
@@NOTES@@
@@NOTE@@
import json
import logging

ALLOWED_ORIGINS = {
    \"@@ORIGIN@@\",
}


def cors_headers(event):
    headers = {k.lower(): v for k, v in (event.get(\"headers\") or {}).items()}
    origin = headers.get(\"origin\")
    cors = {\"Vary\": \"Origin\"}  # the answer depends on Origin: caches must key on it
    if origin in ALLOWED_ORIGINS:
        @@CORS@@
    return cors


def handler(event, context):
    cors = cors_headers(event)
    method = event.get(\"httpMethod\") or event.get(\"requestContext\", {}).get(\"http\", {}).get(\"method\")
    if method == \"OPTIONS\":
        return {
            \"statusCode\": 204,
            \"headers\": {
                **cors,
                \"Access-Control-Allow-Methods\": \"@@METHODS@@\",
                \"Access-Control-Allow-Headers\": \"@@HEADERS@@\",
                \"Access-Control-Max-Age\": \"600\",
            },
            \"body\": \"\",
        }
    try:
        result = handle(event)
        return {
            \"statusCode\": 200,
            \"headers\": {**cors, \"Content-Type\": \"application/json\"},
            \"body\": json.dumps(result),
        }
    except Exception:
        logging.exception(\"request failed\")
        return {
            \"statusCode\": 500,
            \"headers\": {**cors, \"Content-Type\": \"application/json\"},
            \"body\": json.dumps({\"message\": \"Internal server error\"}),
        }


def handle(event):
    # your existing code: return the response body as a dict
    ...",
        &[
            ("NOTES", comment("#", notes)),
            ("NOTE", v.origin_note("#")),
            ("ORIGIN", v.origin.clone()),
            ("CORS", py_cors_lines(v)),
            ("METHODS", v.methods_csv()),
            ("HEADERS", v.headers_csv()),
        ],
    );
    Fix {
        target: "lambda-python".to_string(),
        title: "Lambda (Python): CORS headers on every response, errors included".to_string(),
        text,
    }
}

/// The request body is over a limit that cannot carry CORS headers: upload
/// to S3 with a presigned URL instead.
pub(crate) fn too_large(v: &Vals, limit: &str) -> Vec<Fix> {
    let client = fill(
        "// @@LIMIT@@ refused the request body (413). That error cannot be customized:
// CORS headers can never be added to it, so the page will always see a CORS error.
// Keep request bodies small and send files straight to S3 with a presigned URL.
@@NOTE@@
// Page origin: @@ORIGIN@@
async function upload(file) {
  // 1. Ask the API for a presigned URL (small JSON request).
  const res = await fetch('https://@@HOST@@/uploads', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ contentType: file.type }),
  });
  const { url, key } = await res.json();
  // 2. PUT the file to S3 directly (the bucket's CORS rules must allow @@ORIGIN@@).
  const put = await fetch(url, { method: 'PUT', headers: { 'Content-Type': file.type }, body: file });
  if (!put.ok) throw new Error(`upload failed: ${put.status}`);
  // 3. Send the API the object key instead of the file.
  return key;
}",
        &[
            ("LIMIT", limit.to_string()),
            ("NOTE", v.origin_note("//")),
            ("ORIGIN", v.origin.clone()),
            ("HOST", v.host.clone()),
        ],
    );
    let node = fill(
        "// POST /uploads: returns a presigned S3 PUT URL (Node.js 18+, AWS SDK v3)
@@NOTE@@
import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { randomUUID } from 'node:crypto';

const s3 = new S3Client({});
const ALLOWED_ORIGINS = new Set(['@@ORIGIN@@']);

export const handler = async (event) => {
  const origin = (event.headers || {}).origin || (event.headers || {}).Origin;
  const cors = { Vary: 'Origin' };
  if (origin && ALLOWED_ORIGINS.has(origin)) {
    @@CORS@@
  }
  const { contentType } = JSON.parse(event.body || '{}');
  const key = `uploads/${randomUUID()}`;
  const url = await getSignedUrl(
    s3,
    new PutObjectCommand({ Bucket: process.env.UPLOAD_BUCKET, Key: key, ContentType: contentType }),
    { expiresIn: 300 },
  );
  return { statusCode: 200, headers: { ...cors, 'Content-Type': 'application/json' }, body: JSON.stringify({ url, key }) };
};",
        &[
            ("NOTE", v.origin_note("//")),
            ("ORIGIN", v.origin.clone()),
            ("CORS", js_cors_lines(v)),
        ],
    );
    let python = fill(
        "# POST /uploads: returns a presigned S3 PUT URL (Python, boto3)
@@NOTE@@
import json
import os
import uuid

import boto3

s3 = boto3.client(\"s3\")
ALLOWED_ORIGINS = {\"@@ORIGIN@@\"}


def handler(event, context):
    headers = {k.lower(): v for k, v in (event.get(\"headers\") or {}).items()}
    origin = headers.get(\"origin\")
    cors = {\"Vary\": \"Origin\"}
    if origin in ALLOWED_ORIGINS:
        @@CORS@@
    content_type = json.loads(event.get(\"body\") or \"{}\").get(\"contentType\", \"application/octet-stream\")
    key = f\"uploads/{uuid.uuid4()}\"
    url = s3.generate_presigned_url(
        \"put_object\",
        Params={\"Bucket\": os.environ[\"UPLOAD_BUCKET\"], \"Key\": key, \"ContentType\": content_type},
        ExpiresIn=300,
    )
    return {
        \"statusCode\": 200,
        \"headers\": {**cors, \"Content-Type\": \"application/json\"},
        \"body\": json.dumps({\"url\": url, \"key\": key}),
    }",
        &[
            ("NOTE", v.origin_note("#")),
            ("ORIGIN", v.origin.clone()),
            ("CORS", py_cors_lines(v)),
        ],
    );
    let s3 = fill(
        "# The browser PUTs to the bucket from @@ORIGIN@@: the bucket needs CORS rules.
@@NOTE@@
aws s3api put-bucket-cors --bucket YOUR_UPLOAD_BUCKET --cors-configuration '{
  \"CORSRules\": [
    {
      \"AllowedOrigins\": [\"@@ORIGIN@@\"],
      \"AllowedMethods\": [\"PUT\"],
      \"AllowedHeaders\": [\"content-type\"],
      \"ExposeHeaders\": [\"ETag\"],
      \"MaxAgeSeconds\": 600
    }
  ]
}'",
        &[("NOTE", v.origin_note("#")), ("ORIGIN", v.origin.clone())],
    );
    vec![
        Fix {
            target: "client".to_string(),
            title: "Send large bodies to S3 with a presigned URL".to_string(),
            text: client,
        },
        Fix {
            target: "lambda-node".to_string(),
            title: "Lambda (Node.js): hand out presigned upload URLs".to_string(),
            text: node,
        },
        Fix {
            target: "lambda-python".to_string(),
            title: "Lambda (Python): hand out presigned upload URLs".to_string(),
            text: python,
        },
        Fix {
            target: "s3-cors".to_string(),
            title: "S3 bucket CORS rules for the direct upload".to_string(),
            text: s3,
        },
    ]
}

/// The integration runs past the gateway's timeout: answer 202 at once and
/// do the work asynchronously.
pub(crate) fn async_job(v: &Vals, limit: &str) -> Vec<Fix> {
    let node = fill(
        "// API Gateway stops waiting after @@LIMIT@@: start the work, answer 202 at once, let the page poll.
@@NOTE@@
import { LambdaClient, InvokeCommand } from '@aws-sdk/client-lambda';
import { randomUUID } from 'node:crypto';

const lambda = new LambdaClient({});
const ALLOWED_ORIGINS = new Set(['@@ORIGIN@@']);

export const handler = async (event) => {
  const origin = (event.headers || {}).origin || (event.headers || {}).Origin;
  const cors = { Vary: 'Origin' };
  if (origin && ALLOWED_ORIGINS.has(origin)) {
    @@CORS@@
  }
  const jobId = randomUUID();
  // The worker function does the long work and stores its result under jobId (DynamoDB, S3 ...).
  await lambda.send(new InvokeCommand({
    FunctionName: process.env.WORKER_FUNCTION,
    InvocationType: 'Event', // asynchronous: returns immediately
    Payload: JSON.stringify({ jobId, body: event.body }),
  }));
  return {
    statusCode: 202,
    headers: { ...cors, 'Content-Type': 'application/json', Location: `/jobs/${jobId}` },
    body: JSON.stringify({ jobId }),
  };
};
// GET /jobs/{jobId} returns the status/result, with the same CORS headers.",
        &[
            ("LIMIT", limit.to_string()),
            ("NOTE", v.origin_note("//")),
            ("ORIGIN", v.origin.clone()),
            ("CORS", js_cors_lines(v)),
        ],
    );
    let python = fill(
        "# API Gateway stops waiting after @@LIMIT@@: start the work, answer 202 at once, let the page poll.
@@NOTE@@
import json
import os
import uuid

import boto3

lambda_client = boto3.client(\"lambda\")
ALLOWED_ORIGINS = {\"@@ORIGIN@@\"}


def handler(event, context):
    headers = {k.lower(): v for k, v in (event.get(\"headers\") or {}).items()}
    origin = headers.get(\"origin\")
    cors = {\"Vary\": \"Origin\"}
    if origin in ALLOWED_ORIGINS:
        @@CORS@@
    job_id = str(uuid.uuid4())
    # The worker function does the long work and stores its result under job_id (DynamoDB, S3 ...).
    lambda_client.invoke(
        FunctionName=os.environ[\"WORKER_FUNCTION\"],
        InvocationType=\"Event\",  # asynchronous: returns immediately
        Payload=json.dumps({\"jobId\": job_id, \"body\": event.get(\"body\")}),
    )
    return {
        \"statusCode\": 202,
        \"headers\": {**cors, \"Content-Type\": \"application/json\", \"Location\": f\"/jobs/{job_id}\"},
        \"body\": json.dumps({\"jobId\": job_id}),
    }
# GET /jobs/{jobId} returns the status/result, with the same CORS headers.",
        &[
            ("LIMIT", limit.to_string()),
            ("NOTE", v.origin_note("#")),
            ("ORIGIN", v.origin.clone()),
            ("CORS", py_cors_lines(v)),
        ],
    );
    vec![
        Fix {
            target: "lambda-node".to_string(),
            title: "Lambda (Node.js): answer 202 and do the long work asynchronously".to_string(),
            text: node,
        },
        Fix {
            target: "lambda-python".to_string(),
            title: "Lambda (Python): answer 202 and do the long work asynchronously".to_string(),
            text: python,
        },
    ]
}
