/**
 * How much people may upload: one file's size, and quotas of the bytes one user and the
 * whole host keep in files. Counted in the store as files are stored, so checking a quota
 * costs one row read, however many files there are.
 */
export interface UploadLimits {
    /** Largest single file, in bytes. */
    fileBytes: number;
    /** Bytes one user may keep in uploaded files. */
    perUserBytes: number;
    /** Bytes all users together may keep in uploaded files. */
    totalBytes: number;
}

const MB = 1024 * 1024;

export const defaultUploadLimits: UploadLimits = { fileBytes: 64 * MB, perUserBytes: 512 * MB, totalBytes: 20 * 1024 * MB };

/** Limits from `UPLOAD_MAX_FILE_MB`, `UPLOAD_QUOTA_PER_USER_MB` and `UPLOAD_QUOTA_TOTAL_MB`; unset or invalid ones keep their defaults. */
export function uploadLimitsFromEnv(env: Record<string, string | undefined>): Partial<UploadLimits> {
    const mb = (name: string) => {
        const n = Number(env[name]);
        return env[name] && Number.isFinite(n) && n > 0 ? Math.round(n * MB) : undefined;
    };
    const limits: Partial<UploadLimits> = { fileBytes: mb('UPLOAD_MAX_FILE_MB'), perUserBytes: mb('UPLOAD_QUOTA_PER_USER_MB'), totalBytes: mb('UPLOAD_QUOTA_TOTAL_MB') };
    return Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined));
}

export const megabytes = (bytes: number): string => `${(bytes / MB).toFixed(bytes < 10 * MB ? 1 : 0)} MB`;
