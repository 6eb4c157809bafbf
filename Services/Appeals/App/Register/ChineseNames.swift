/// What the register's redactor knows about Chinese personal names: the common surnames, and the
/// words that show a name is near (a title after it, a role before it).
enum ChineseNames {
    /// About the hundred most common single-character surnames.
    static let surnames: Set<Character> = Set(
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许邓韩冯曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严欧莫孔向常汤康易乔赖文")

    /// The common compound surnames.
    static let compoundSurnames: Set<String> = [
        "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文", "司徒", "夏侯",
        "轩辕", "端木", "独孤", "南宫", "西门", "万俟", "闻人", "赫连", "澹台", "公冶", "宗政", "濮阳", "太叔", "申屠",
        "钟离", "呼延", "百里", "东郭", "第五", "左丘", "拓跋",
    ]

    /// Titles and forms of address that follow a name (王建华经理), longest first.
    static let titlesAfter: [String] = [
        "董事长", "总经理", "先生", "女士", "同志", "经理", "主任", "局长", "科长", "处长", "书记", "县长", "区长",
        "市长", "老板", "师傅", "会计", "厂长",
    ].sorted { $0.count > $1.count }

    /// Roles that precede a name (联系人王建华), longest first.
    static let rolesBefore: [String] = [
        "法定代表人", "工作人员", "联系人", "负责人", "经办人", "反映人", "法人代表", "法人",
    ].sorted { $0.count > $1.count }

    /// Between a role and the name: "联系人：王建华", "负责人为王建华".
    static let separators: Set<Character> = Set("：:、,，（( 是为系")

    /// Characters that do not occur in a given name here: places and offices (许昌市长, 叶县县长),
    /// parts of titles (李总经理, 王副局长) and function words.
    static let notInGivenNames: Set<Character> = Set(
        "市县区省镇乡村局厅委办处科司厂部院所站队街路店组总副的了和与及等为是在对向把被让给从到已也都就要将说称请该其此这那各每本"
        + "昨今年月日时前后多次均未不没再又曾之于电话手机号联系反映表示同先女经主书老师会董负责代")

    /// Words ending in a surname character that are not followed by a name (关于, 下周, 双方): a
    /// candidate name never starts in the middle of one.
    static let wordsEndingInSurname: Set<String> = [
        "关于", "对于", "由于", "属于", "位于", "基于", "至于", "在于", "处于", "鉴于", "终于", "过于", "用于", "等于", "归于", "出于",
        "上周", "下周", "本周", "每周", "一周", "两周", "双方", "对方", "各方", "地方", "一方", "甲方", "乙方", "多方", "官方",
        "如何", "任何", "为何", "提高", "最高", "较高", "偏高", "不高", "过高", "升高", "立马", "上万", "数万",
        "黄金", "资金", "现金", "基金", "租金", "定金", "押金", "税金", "罚金", "奖金", "空白", "明白", "坦白", "表白",
        "长江", "大江", "岩石", "矿石", "平常", "正常", "日常", "非常", "经常", "异常", "通常", "照常", "反常", "时常",
        "转向", "方向", "导向", "面向", "走向", "趋向", "倾向", "意向", "去向", "取向", "动向", "一向", "公文",
        "行文", "发文", "原文", "全文", "条文", "正文", "下文", "上文", "来文", "中文", "山林", "园林", "森林", "农林", "树林",
        "农田", "良田",
    ]
}
