#!/usr/bin/env python3
"""Writes fixtures/tmall-export/ExportOrderList202002.csv: a small Tmall seller back-office order
export as downloaded (R9 in docs/rules.md).

    python3 scripts/make-tmall-export.py [outDir]

Deterministic, standard library only. On purpose, like real downloads:
  * encoded in GBK, CRLF line ends;
  * no 买家会员名 column (so no order can be linked to a chat: all count as fully silent);
  * a stray space in the header cell "订单付款时间 ";
  * times like 2020/2/21 0:00 (minutes only, no zero padding);
  * 收货地址 values with commas (and one with double quotes), quoted per RFC 4180;
  * 买家实际支付金额 already net of refunds: 总金额 = 买家实际支付金额 + 退款金额 for paid orders;
    unpaid orders have an empty 订单付款时间 and show 0 paid and 0 refunded.
fixtures/tmall-export/README.md sums the rows by hand; this script re-checks those sums.
"""
import os
import sys
from decimal import Decimal

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "fixtures", "tmall-export")
NAME = "ExportOrderList202002.csv"

HEADER = ["订单编号", "总金额", "买家实际支付金额", "收货地址", "订单创建时间", "订单付款时间 ", "退款金额"]

# 订单编号, 总金额, 买家实际支付金额, 退款金额, 收货地址, 订单创建时间, 订单付款时间 ("" = unpaid)
ROWS = [
    ("843512077931260431", "128.00", "128.00", "0", "浙江省 杭州市 西湖区 文三路138号, 东方通信大厦5楼, 310012", "2020/2/1 9:05", "2020/2/1 9:06"),
    ("843519340128775502", "59.90", "59.90", "0", "江苏省 南京市 鼓楼区 中山北路30号, 2单元1203, 210008", "2020/2/2 21:47", "2020/2/2 21:48"),
    ("843526601447390613", "256.00", "0", "0", "上海市 上海市 徐汇区 漕溪北路88号, 圣爱大厦12楼, 200030", "2020/2/3 10:12", ""),
    ("843533862765005724", "399.00", "299.00", "100.00", "广东省 广州市 天河区 天河路385号, 太古汇1座, 510620", "2020/2/4 14:30", "2020/2/4 14:31"),
    ("843541124083620835", "89.00", "89.00", "0", "北京 北京市 朝阳区 建国路87号, 华贸中心3号楼, 100025", "2020/2/5 0:00", "2020/2/5 0:02"),
    ("843548385402235946", "45.50", "45.50", "0", "四川省 成都市 武侯区 人民南路四段12号, 7栋2单元, 610041", "2020/2/7 8:15", "2020/2/7 8:20"),
    ("843555646720851057", "199.00", "0.00", "199.00", "湖北省 武汉市 洪山区 珞喻路1037号, 华中科技大学东校区, 430074", "2020/2/8 11:00", "2020/2/8 11:01"),
    ("843562908039466168", "76.80", "0", "0", "山东省 青岛市 市南区 香港中路76号, 颐和国际A座, 266071", "2020/2/9 23:58", ""),
    ("843570169358081279", "320.00", "320.00", "0", "福建省 厦门市 思明区 莲岳路1号, 磐基中心商务楼, 361012", "2020/2/11 13:22", "2020/2/11 13:25"),
    ("843577430676696380", "68.00", "68.00", "0", "陕西省 西安市 雁塔区 小寨西路26号, 3号楼1门, 710061", "2020/2/12 16:40", "2020/2/12 16:41"),
    ("843584691995311491", "1288.00", "1088.00", "200.00", "广东省 深圳市 南山区 科技园 \"滨海大厦\"北门, 快递柜, 518057", "2020/2/14 20:14", "2020/2/14 20:16"),
    ("843591953313926502", "35.00", "35.00", "0", "河南省 郑州市 金水区 花园路39号, 国贸中心B座, 450008", "2020/2/15 7:03", "2020/2/15 7:03"),
    ("843599214632541613", "158.00", "0", "0", "湖南省 长沙市 岳麓区 麓山南路2号, 450003", "2020/2/17 19:30", ""),
    ("843606475951156724", "99.00", "99.00", "0", "天津 天津市 和平区 南京路219号, 天津中心, 300051", "2020/2/18 10:10", "2020/2/18 10:11"),
    ("843613737269771835", "218.40", "200.00", "18.40", "重庆 重庆市 渝中区 解放碑民族路188号, 环球金融中心, 400010", "2020/2/20 15:55", "2020/2/20 15:56"),
    ("843620998588386946", "49.90", "49.90", "0", "安徽省 合肥市 蜀山区 长江西路99号, 5栋, 230031", "2020/2/21 0:00", "2020/2/21 0:01"),
    ("843628259907002057", "588.00", "588.00", "0", "辽宁省 沈阳市 和平区 南京北街206号, 城市广场2座, 110001", "2020/2/23 12:00", "2020/2/23 12:05"),
    ("843635521225617168", "12.80", "0", "0", "云南省 昆明市 五华区 东风西路11号, 顺城东塔, 650032", "2020/2/25 22:19", ""),
    ("843642782544232279", "166.00", "166.00", "0", "江西省 南昌市 东湖区 八一大道357号, 财富广场A座, 330008", "2020/2/27 9:45", "2020/2/27 9:46"),
    ("843650043862847380", "72.00", "72.00", "0", "黑龙江省 哈尔滨市 南岗区 西大直街92号, 哈尔滨工业大学, 150001", "2020/2/29 23:50", "2020/2/29 23:59"),
]

# The figures fixtures/tmall-export/README.md derives by hand.
EXPECTED = {"paid": 16, "gross": "3824.70", "refunds": "517.40", "net": "3307.30", "unpaid": 4}


def cell(value: str) -> str:
    if any(c in value for c in ',"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


def main() -> None:
    paid = [r for r in ROWS if r[6] != ""]
    for order_id, total, actual, refund, *_rest, paid_at in ROWS:
        if paid_at == "":
            assert Decimal(actual) == 0 and Decimal(refund) == 0, order_id
        else:
            assert Decimal(total) == Decimal(actual) + Decimal(refund), order_id
    got = {
        "paid": len(paid),
        "gross": str(sum((Decimal(r[1]) for r in paid), Decimal("0.00"))),
        "refunds": str(sum((Decimal(r[3]) for r in paid), Decimal("0.00"))),
        "net": str(sum((Decimal(r[2]) for r in paid), Decimal("0.00"))),
        "unpaid": len(ROWS) - len(paid),
    }
    if got != EXPECTED:
        sys.exit(f"sums {got} differ from the README's hand figures {EXPECTED}")

    lines = [",".join(cell(h) for h in HEADER)]
    for order_id, total, actual, refund, address, created, paid_at in ROWS:
        lines.append(",".join(cell(v) for v in (order_id, total, actual, address, created, paid_at, refund)))
    text = "\r\n".join(lines) + "\r\n"
    os.makedirs(OUT_DIR, exist_ok=True)
    path = os.path.join(OUT_DIR, NAME)
    with open(path, "wb") as f:
        f.write(text.encode("gbk"))
    print(f"wrote {path}: {len(ROWS)} orders ({got['paid']} paid, {got['unpaid']} unpaid), GBK")


if __name__ == "__main__":
    main()
