package com.campaigns.e2e.upgrade;

import com.campaigns.e2e.upgrade.buildb.BuildB;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Packs {@link BuildB} (its compiled classes and the Spring auto-configuration entry that loads it)
 * into a jar for the worker's {@code loader.path}: the shipped exec jar plus this jar is build B.
 */
public final class BuildBJar {

  private static final String AUTO_CONFIGURATION_IMPORTS =
      "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports";

  private BuildBJar() {}

  /** Writes {@code dir/build-b.jar} and returns its path. */
  public static Path write(Path dir) {
    String pkg = BuildB.class.getPackageName().replace('.', '/');
    Path jar = dir.resolve("build-b.jar");
    try {
      Path classes =
          Path.of(BuildB.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      List<Path> compiled;
      try (Stream<Path> files = Files.list(classes.resolve(pkg))) {
        compiled = files.filter(f -> f.toString().endsWith(".class")).sorted().toList();
      }
      Files.createDirectories(dir);
      try (OutputStream out = Files.newOutputStream(jar);
          JarOutputStream zip = new JarOutputStream(out)) {
        for (Path c : compiled) {
          zip.putNextEntry(new JarEntry(pkg + "/" + c.getFileName()));
          zip.write(Files.readAllBytes(c));
          zip.closeEntry();
        }
        zip.putNextEntry(new JarEntry(AUTO_CONFIGURATION_IMPORTS));
        zip.write((BuildB.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
