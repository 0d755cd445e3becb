package dev.mfawatch.store.s3;

import dev.mfawatch.model.SnapshotStoreException;
import dev.mfawatch.spi.BoundedHttp;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The four S3 calls the store makes (GetObject, conditional PutObject, conditional DeleteObject,
 * ListObjectsV2) on one bucket, with a size cap on every read and errors that name the IAM action
 * to grant. Every write carries server-side encryption and a Content-MD5, so S3 refuses a body cut
 * on the way. The SDK client owns signing, retries, paging and the per-call deadline.
 */
final class S3Objects implements AutoCloseable {

    /** An object as read: its bytes and the ETag that a conditional write names. */
    record Read(byte[] bytes, String etag) {
    }

    /**
     * A conditional write or delete that did not hold: 412 (the object changed or exists) or 409
     * (another conditional write on it was in flight, which S3 asks to retry).
     */
    static final class Conflict extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        Conflict(int status, String code) {
            super(status + " " + code, null, false, false);
            this.status = status;
        }

        boolean retryable() {
            return status == 409;
        }
    }

    private final S3Client s3;
    private final String bucket;
    private final ServerSideEncryption sse;
    private final @Nullable String kmsKeyId;
    private final long maxBytes;
    private final Duration timeout;
    private final AtomicLong requests = new AtomicLong();

    S3Objects(S3Client s3, String bucket, ServerSideEncryption sse, @Nullable String kmsKeyId, long maxBytes, Duration timeout) {
        this.s3 = s3;
        this.bucket = bucket;
        this.sse = sse;
        this.kmsKeyId = kmsKeyId;
        this.maxBytes = maxBytes;
        this.timeout = timeout;
    }

    String bucket() {
        return bucket;
    }

    /** @return the S3 requests made so far, for the counted measure in the README */
    long requests() {
        return requests.get();
    }

    /**
     * Reads an object whole.
     *
     * @return its bytes and ETag, or empty if there is none
     */
    Optional<Read> get(String key) {
        requests.incrementAndGet();
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(GetObjectRequest.builder().bucket(bucket).key(key).build())) {
            Long length = in.response().contentLength();
            if (length != null && length > maxBytes) {
                in.abort();
                throw tooLarge(key, length);
            }
            byte[] bytes = readCapped(in, key);
            return Optional.of(new Read(bytes, in.response().eTag()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404 && !"NoSuchBucket".equals(code(e))) {
                return Optional.empty();
            }
            // Without s3:ListBucket, S3 answers 403 rather than 404 for an object that does not exist.
            throw failed("GetObject", "s3:GetObject", key, e);
        } catch (SdkException e) {
            throw failed("GetObject", "s3:GetObject", key, e);
        } catch (IOException e) {
            throw new SnapshotStoreException("cannot read " + where(key) + " from S3: " + BoundedHttp.firstLine(String.valueOf(e.getMessage())), e);
        }
    }

    private byte[] readCapped(InputStream in, String key) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (bytes.length > maxBytes) {
            throw tooLarge(key, bytes.length);
        }
        return bytes;
    }

    private SnapshotStoreException tooLarge(String key, long length) {
        return new SnapshotStoreException(where(key) + " is " + length + " bytes, more than the store reads (mfawatch.store.s3.max-object-size="
                + maxBytes + "): raise it if the object is really this large", null);
    }

    /**
     * Writes an object, only if it is still the version this store read.
     *
     * @param ifMatch the ETag read, or {@code null} to create it only if it does not exist
     * @return the new ETag
     * @throws Conflict if the condition did not hold
     */
    String put(String key, byte[] body, @Nullable String ifMatch) {
        PutObjectRequest.Builder b = PutObjectRequest.builder().bucket(bucket).key(key).contentType(key.endsWith(".jsonl")
                ? "application/x-ndjson" : "application/json").contentMD5(md5(body)).serverSideEncryption(sse);
        if (kmsKeyId != null) {
            b.ssekmsKeyId(kmsKeyId);
        }
        if (ifMatch == null) {
            b.ifNoneMatch("*");
        } else {
            b.ifMatch(ifMatch);
        }
        requests.incrementAndGet();
        try {
            return s3.putObject(b.build(), RequestBody.fromBytes(body)).eTag();
        } catch (S3Exception e) {
            throw conflictOr(e, () -> failed("PutObject", sse == ServerSideEncryption.AWS_KMS ? "s3:PutObject (and kms:GenerateDataKey on the key)"
                    : "s3:PutObject", key, e));
        } catch (SdkException e) {
            throw failed("PutObject", "s3:PutObject", key, e);
        }
    }

    /**
     * Deletes an object, only if it is still the version named; a missing object is no error.
     *
     * @param ifMatch the ETag read, or {@code null} for any version
     * @throws Conflict if the object changed since
     */
    void delete(String key, @Nullable String ifMatch) {
        DeleteObjectRequest.Builder b = DeleteObjectRequest.builder().bucket(bucket).key(key);
        if (ifMatch != null) {
            b.ifMatch(ifMatch);
        }
        requests.incrementAndGet();
        try {
            s3.deleteObject(b.build());
        } catch (S3Exception e) {
            if (e.statusCode() == 404 && !"NoSuchBucket".equals(code(e))) {
                return; // gone already, which is what was asked
            }
            throw conflictOr(e, () -> failed("DeleteObject", ifMatch == null ? "s3:DeleteObject" : "s3:DeleteObject and s3:GetObject", key, e));
        } catch (SdkException e) {
            throw failed("DeleteObject", "s3:DeleteObject", key, e);
        }
    }

    /** @return the keys under a prefix, sorted as S3 lists them */
    List<String> list(String prefix) {
        List<String> keys = new ArrayList<>();
        String token = null;
        do {
            ListObjectsV2Request.Builder b = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix);
            if (token != null) {
                b.continuationToken(token);
            }
            requests.incrementAndGet();
            ListObjectsV2Response page;
            try {
                page = s3.listObjectsV2(b.build());
            } catch (SdkException e) {
                throw failed("ListObjectsV2", "s3:ListBucket", prefix, e);
            }
            page.contents().stream().map(S3Object::key).forEach(keys::add);
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
            if (Boolean.TRUE.equals(page.isTruncated()) && (token == null || token.isEmpty())) {
                // A truncated list with nowhere to go on would read as "these are all": never.
                throw new SnapshotStoreException("S3 cut the list of " + where(prefix) + " short without a continuation token", null);
            }
        } while (token != null);
        return keys;
    }

    private RuntimeException conflictOr(S3Exception e, java.util.function.Supplier<RuntimeException> otherwise) {
        if (e.statusCode() == 412 || (e.statusCode() == 409 && "ConditionalRequestConflict".equals(code(e)))) {
            return new Conflict(e.statusCode(), code(e) == null ? "PreconditionFailed" : code(e));
        }
        return otherwise.get();
    }

    private static @Nullable String code(S3Exception e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }

    /** A store error naming the call, the object, what S3 said and what to do: never a credential. */
    private SnapshotStoreException failed(String call, String action, String key, SdkException e) {
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return new SnapshotStoreException(call + " of " + where(key) + " got no answer within " + timeout
                    + " (mfawatch.store.s3.timeout)", e);
        }
        if (e instanceof S3Exception s) {
            String code = code(s);
            String hint = switch (code == null ? "" : code) {
                case "AccessDenied", "AllAccessDisabled" -> action.startsWith("s3:ListBucket")
                        ? ": grant s3:ListBucket on arn:aws:s3:::" + bucket + " (for the prefix)"
                        : ": grant " + action + " on arn:aws:s3:::" + bucket + "/" + key + (call.equals("GetObject")
                        // Without s3:ListBucket, S3 answers 403 rather than 404 for an object that does not exist.
                        ? ", and s3:ListBucket on arn:aws:s3:::" + bucket + ", without which S3 refuses a missing object as 403" : "");
                case "NoSuchBucket" -> ": bucket " + bucket + " does not exist (mfawatch.store.s3.bucket)";
                case "PermanentRedirect", "AuthorizationHeaderMalformed", "IllegalLocationConstraintException" ->
                        ": the bucket is in another region than mfawatch.store.s3.region";
                case "InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken", "InvalidToken" ->
                        ": S3 refused the credentials (the SDK's default chain, or mfawatch.store.s3.profile)";
                case "KMS.AccessDeniedException", "KMS.DisabledException", "KMS.NotFoundException" ->
                        ": the KMS key of mfawatch.store.s3.kms-key-id refused: grant kms:GenerateDataKey and kms:Decrypt on it";
                case "BadDigest", "InvalidDigest" -> ": the body was damaged on the way and S3 kept the old object";
                default -> "";
            };
            return new SnapshotStoreException(call + " of " + where(key) + " failed: HTTP " + s.statusCode()
                    + (code == null ? "" : " " + code) + hint, e);
        }
        return new SnapshotStoreException(call + " of " + where(key) + " failed: "
                + BoundedHttp.firstLine(String.valueOf(e.getMessage())), e);
    }

    String where(String key) {
        return "s3://" + bucket + "/" + key;
    }

    private static String md5(byte[] body) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }
}
