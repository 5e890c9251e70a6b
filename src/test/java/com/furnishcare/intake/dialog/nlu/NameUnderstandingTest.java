package com.furnishcare.intake.dialog.nlu;

import com.furnishcare.intake.dialog.model.SlotType;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ibm.icu.text.Transliterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Names from common wordings (issue 12, point 8) and never from ordinary words, simplified and
 * traditional. Wordings written for this test, not taken from the simulator's personas.
 */
class NameUnderstandingTest {

  private static final Transliterator TO_TRADITIONAL = Transliterator.getInstance("Hans-Hant");
  private static final Transliterator TO_SIMPLIFIED = Transliterator.getInstance("Hant-Hans");

  private static Optional<String> name(String text, boolean asked) {
    return Optional.ofNullable(ShippedNlu.read(text, asked ? Optional.of("customerName") : Optional.empty())
        .slots().get(SlotType.NAME));
  }


  /** Each row: message, "asked" or "-", expected name (simplified) or null. */
  private static void check(String[][] rows) {
    List<String> wrong = new ArrayList<>();
    for (String[] row : rows) {
      for (String text : List.of(row[0], TO_TRADITIONAL.transliterate(row[0]))) {
        Optional<String> got = name(text, row[1].equals("asked")).map(TO_SIMPLIFIED::transliterate);
        if (!got.equals(Optional.ofNullable(row[2]))) {
          wrong.add(text + " (" + row[1] + ") -> " + got.orElse("none") + ", want " + row[2]);
        }
      }
    }
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }

  @Test
  void commonWordingsGiveTheName() {
    check(new String[][] {
        {"我叫欧阳娜娜", "-", "欧阳娜娜"},
        {"叫我小陈就好", "asked", "小陈"},
        {"叫我冯强就可以了", "asked", "冯强"},
        {"名字是何建平", "-", "何建平"},
        {"我是杜鹃，电话13600001111", "-", "杜鹃"},
        {"免贵，戴志远", "asked", "戴志远"},
        {"郑先生", "-", "郑先生"},
        {"有事联系林小姐", "-", "林小姐"},
        {"我是谢东先生", "-", "谢东先生"},
        {"韦一鸣", "asked", "韦一鸣"},
        {"老黄", "asked", "老黄"},
    });
  }

  @Test
  void aSurnameAloneIsKeptAsSuch() {
    check(new String[][] {
        {"免贵姓黄", "asked", "黄（姓）"},
        {"鄙姓龙", "asked", "龙（姓）"},
        {"本人姓诸葛", "-", "诸葛（姓）"},
    });
  }

  @Test
  void ordinaryWordsAreNoNames() {
    check(new String[][] {
        {"我是来退货的", "-", null},
        {"我是老业主了", "-", null},
        {"叫我们怎么办", "-", null},
        {"不方便说", "asked", null},
        {"随便", "asked", null},
        {"没必要吧", "asked", null},
        {"我是在门店买的", "-", null},
        {"叫师傅来看看", "-", null},
        {"我是平时不在家", "-", null},
        {"我是南京人", "-", null},
        {"那位先生说下周来", "-", null},
    });
  }
}
