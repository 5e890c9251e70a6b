package com.furnishcare.intake.dialog.nlu;

import com.furnishcare.intake.dialog.model.SlotType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ibm.icu.text.Transliterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Categories from any reasonable wording (issue 12, point 5): menu number and label, "X有问题" /
 * "X不对" / "X太慢" paraphrases, symptoms, near-misses of a label — and the same in traditional script.
 * The wordings are written for this test, not taken from the simulator's personas or the NLU table.
 */
class CategoryUnderstandingTest {

  private static final Transliterator TO_TRADITIONAL = Transliterator.getInstance("Hans-Hant");

  private static Optional<String> category(String text, String asked) {
    return Optional.ofNullable(ShippedNlu.read(text, Optional.ofNullable(asked)).slots().get(SlotType.CATEGORY));
  }


  /** Each row: message, slot the bot asked for (or null), expected category (or null for none). */
  private static void check(String[][] rows) {
    List<String> wrong = new ArrayList<>();
    for (String[] row : rows) {
      Optional<String> want = Optional.ofNullable(row[2]);
      for (String text : List.of(row[0], TO_TRADITIONAL.transliterate(row[0]))) {
        Optional<String> got = category(text, row[1]);
        if (!got.equals(want)) {
          wrong.add(text + " (asked " + row[1] + ") -> " + got.orElse("none") + ", want " + want.orElse("none"));
        }
      }
    }
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }

  @Test
  void menuNumberAndLabelAnswerTheCategoryQuestion() {
    check(new String[][] {
        {"9", "category", "design_error"},
        {"第3个", "category", null},
        {"3", "category", "slow_response"},
        {"材质货不对板", "category", "material_mismatch"},
        {"货不对板吧", "category", "material_mismatch"},
    });
  }

  @Test
  void topicFollowedByAProblemWordNamesTheCategory() {
    check(new String[][] {
        {"柜子布局很不合理", null, "design_error"},
        {"方案做得有问题", "category", "design_error"},
        {"宽度差了两公分", null, "size_mismatch"},
        {"高度有偏差", "category", "size_mismatch"},
        {"板材用料不对", null, "material_mismatch"},
        {"颜色偏差太大", null, "colour_difference"},
        {"回复速度太慢了", null, "slow_response"},
        {"客服回应很慢", null, "slow_response"},
        {"上门修理太慢了吧", null, "repair_delay"},
        {"安装得很差", null, "installation"},
        {"交货时间一直拖", null, "late_delivery"},
        {"五金件少发了", null, "missing_parts"},
        {"缺了几颗螺丝", null, "missing_parts"},
        {"零件不齐", "category", "missing_parts"},
    });
  }

  @Test
  void aServiceNamedWithoutAProblemIsNoComplaintUnlessTheCategoryWasAskedFor() {
    check(new String[][] {
        // booking the installer, or naming it, is not a complaint about the installation
        {"预约安装师傅", null, null},
        {"想约个时间上门安装", null, null},
        // with a problem it is; and asked for the category, the topic alone answers
        {"安装有问题", null, "installation"},
        {"安装好后柜门关不拢", null, "installation"},
        {"安装方面的", "category", "installation"},
    });
  }

  @Test
  void theNamedCauseOutweighsAnotherCategorysSymptom() {
    check(new String[][] {
        // the design made it too big: a design error, though 太大 is a size symptom
        {"鞋柜的设计太大了，挡住了门", null, "design_error"},
        // rudeness is an attitude complaint whoever was rude
        {"送货的师傅骂骂咧咧很不耐烦", null, "service_attitude"},
        // what something is compared with is not the subject
        {"柜子大小跟图纸对不上", null, "size_mismatch"},
    });
  }

  @Test
  void nearMissesOfALabelAreReadBySimilarity() {
    check(new String[][] {
        {"响应太满", null, "slow_response"},     // typo of the label 响应太慢
        {"尺寸不附", "category", "size_mismatch"}, // typo of 尺寸不符
        {"配件确实", "category", "missing_parts"}, // 确实 typed for 缺失
    });
  }

  @Test
  void aTopicAloneIsEnoughOnlyWhenTheCategoryWasAsked() {
    check(new String[][] {
        {"主要是设计这块", "category", "design_error"},
        {"颜色方面吧", "category", "colour_difference"},
    });
  }

  @Test
  void messagesThatNameNoCategoryGetNone() {
    check(new String[][] {
        {"我想问一下保修多久", null, null},
        {"好的", null, null},
        {"不方便", "customerName", null},
        {"今天下午有空", "address", null},
        {"谢谢你们", "category", null},
    });
  }

  @Test
  void labelsOfDomainMdAreUnderstoodToo() {
    assertEquals(Optional.of("missing_parts"), category("配件缺货", "category"));
    assertEquals(Optional.of("slow_response"), category("響應速度", "category"));
  }
}
