package dev.mfawatch.store.file;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;

/**
 * All-or-nothing file replacement: write a temporary file in the same directory, force it to disk,
 * rename it over the target, force the directory. A crash at any point leaves the old file or the
 * new one, never a mix, and after the rename returns the new one survives a power cut.
 */
final class AtomicFiles {

    /** What writes the content. */
    interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private AtomicFiles() {
    }

    static void replace(Path target, Writer content) throws IOException {
        Path dir = target.getParent();
        // Only one store holds the directory lock, so one fixed temporary name per target is enough.
        Path tmp = dir.resolve("." + target.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try (FileChannel ch = FileChannel.open(tmp, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                ownerOnlyFile())) {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
            content.write(new NonClosing(out));
            out.flush();
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(dir);
    }

    static void createOwnerOnlyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, POSIX
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
                    : new FileAttribute<?>[0]);
        }
    }

    /**
     * Refuses a store directory that someone else could write to: whoever can write there can edit a
     * snapshot and silence an alert. It must be a real directory (not a link), owned by the user
     * running mfa-watch, and not writable by its group or others.
     */
    static void checkPrivate(Path dir) throws IOException {
        if (Files.isSymbolicLink(dir)) {
            throw new IOException("it is a symbolic link; point mfawatch.store.file.directory at the real directory");
        }
        if (!POSIX) {
            return;
        }
        java.nio.file.attribute.UserPrincipal owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS);
        java.nio.file.attribute.UserPrincipal me = dir.getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName(System.getProperty("user.name"));
        if (!owner.equals(me)) {
            throw new IOException("it is owned by " + owner.getName() + ", not by " + me.getName() + ", who runs mfa-watch; "
                    + "give it to that user (chown) or point mfawatch.store.file.directory at a directory of their own");
        }
        java.util.Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
        if (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new IOException("its group or others may write to it (" + PosixFilePermissions.toString(perms)
                    + "), and whoever can write there can edit a snapshot to silence an alert; run chmod go-w on it, "
                    + "or point mfawatch.store.file.directory at a subdirectory, which mfa-watch creates rwx------");
        }
    }

    static FileAttribute<?>[] ownerOnlyFile() {
        return POSIX
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }

    /**
     * Appends bytes to a file (made owner-only if new, with its directory), forced to disk. Callers
     * write whole lines, so a crash leaves at most one torn last line, which {@link #trimTornLastLine}
     * removes before the next append.
     */
    static void append(Path file, byte[] bytes) throws IOException {
        createOwnerOnlyDirectory(file.getParent());
        boolean created = !Files.exists(file);
        try (FileChannel ch = created
                ? FileChannel.open(file, java.util.EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND), ownerOnlyFile())
                : FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS)) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                ch.write(buffer);
            }
            ch.force(true);
        }
        if (created) {
            forceDirectory(file.getParent());
        }
    }

    /** Cuts a file back to its last newline: what an append cut short by a crash left behind. */
    static void trimTornLastLine(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            long size = ch.size();
            long end = size;
            java.nio.ByteBuffer block = java.nio.ByteBuffer.allocate(8192);
            scan:
            while (end > 0) {
                long from = Math.max(0, end - block.capacity());
                block.clear().limit((int) (end - from));
                while (block.hasRemaining() && ch.read(block, from + block.position()) > 0) {
                    // A read may return fewer bytes than asked for; go on until the block is full.
                }
                for (int i = block.position() - 1; i >= 0; i--) {
                    if (block.get(i) == '\n') {
                        end = from + i + 1;
                        break scan;
                    }
                }
                end = from;
            }
            if (end < size) {
                ch.truncate(end);
                ch.force(true);
            }
        }
    }

    static void forceDirectory(Path dir) {
        // Makes the rename itself durable. Linux allows fsync on a directory; other systems may refuse.
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Not supported here: the rename is still atomic, only its durability across power loss is weaker.
        }
    }

    /** Keeps the codec's generator from closing the channel before it is forced. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
