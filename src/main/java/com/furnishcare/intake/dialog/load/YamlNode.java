package com.furnishcare.intake.dialog.load;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML node that remembers its file and line, so every error in dialog data can say where it is.
 * Reads the node tree only (no object construction), which is also safe against YAML tags.
 */
public final class YamlNode {

  private final String file;
  private final Node node;

  private YamlNode(String file, Node node) {
    this.file = file;
    this.node = node;
  }

  public static YamlNode parse(String file, String text) throws DialogDataException {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    try {
      Node root = new Yaml(options).compose(new StringReader(text));
      if (root == null) {
        throw new DialogDataException(file + ":1: the file is empty");
      }
      return new YamlNode(file, root);
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
      throw new DialogDataException(file + ":" + line + ": not valid YAML: " + e.getProblem());
    } catch (RuntimeException e) {
      throw new DialogDataException(file + ":1: not valid YAML: " + e.getMessage());
    }
  }

  public int line() {
    return node.getStartMark().getLine() + 1;
  }

  public String where() {
    return file + ":" + line();
  }

  public DialogDataException error(String reason) {
    return new DialogDataException(where() + ": " + reason);
  }

  public Map<String, YamlNode> mapping() throws DialogDataException {
    if (!(node instanceof MappingNode map)) {
      throw error("expected a mapping (key: value)");
    }
    Map<String, YamlNode> result = new LinkedHashMap<>();
    for (NodeTuple tuple : map.getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
        throw new YamlNode(file, tuple.getKeyNode()).error("keys must be plain words");
      }
      result.put(key.getValue(), new YamlNode(file, tuple.getValueNode()));
    }
    return result;
  }

  /** Whether this is a list (a key that takes one value or several). */
  public boolean isSequence() {
    return node instanceof SequenceNode;
  }

  public List<YamlNode> list() throws DialogDataException {
    if (!(node instanceof SequenceNode seq)) {
      throw error("expected a list");
    }
    List<YamlNode> result = new ArrayList<>();
    for (Node item : seq.getValue()) {
      result.add(new YamlNode(file, item));
    }
    return result;
  }

  public String text() throws DialogDataException {
    if (!(node instanceof ScalarNode scalar)) {
      throw error("expected a single value");
    }
    return scalar.getValue();
  }

  public List<String> texts() throws DialogDataException {
    List<String> result = new ArrayList<>();
    for (YamlNode item : list()) {
      result.add(item.text());
    }
    return result;
  }

  /** A required key of a mapping. */
  public static YamlNode required(YamlNode owner, Map<String, YamlNode> map, String key) throws DialogDataException {
    YamlNode value = map.get(key);
    if (value == null) {
      throw owner.error("missing '" + key + "'");
    }
    return value;
  }

  public static Optional<String> optionalText(Map<String, YamlNode> map, String key) throws DialogDataException {
    YamlNode value = map.get(key);
    return value == null ? Optional.empty() : Optional.of(value.text());
  }
}
