//! Names of government departments and their short forms (区发改局 = 区发展改革局 =
//! 区发展和改革局), so that `task.unit-alias` can tell one unit written two ways.
//!
//! Only the departments below are compared: a name that contains none of them has no key,
//! and two names are one unit only if they agree on everything around the department's
//! name too (区科技局 and 市科技局 are two units).

/// Spellings of one department, the short form first (it is the key).
const DEPARTMENTS: &[&[&str]] = &[
    &["发改局", "发展改革局", "发展和改革局"],
    &["发改委", "发展改革委", "发展和改革委员会", "发展改革委员会"],
    &["经信局", "经济和信息化局", "经济信息化局"],
    &["工信局", "工业和信息化局", "工业信息化局"],
    &["科技局", "科学技术局"],
    &["住建局", "住房和城乡建设局", "住房城乡建设局"],
    &["人社局", "人力资源和社会保障局", "人力资源社会保障局"],
    &["市场监管局", "市场监督管理局"],
    &["卫健委", "卫生健康委员会", "卫生健康委"],
    &["卫健局", "卫生健康局"],
    &["资规局", "自然资源和规划局", "自然资源规划局"],
    &["文旅局", "文化和旅游局", "文化旅游局"],
    &["教体局", "教育和体育局", "教育体育局"],
    &["应急局", "应急管理局"],
    &["交通局", "交通运输局"],
    &["城管局", "城市管理局"],
    &["投促局", "投资促进局"],
    &["医保局", "医疗保障局"],
    &["退役军人局", "退役军人事务局"],
];

/// The key of a unit's name — the name with its department written in the short form — or
/// `None` if it names none of the departments known here.
pub fn org_key(name: &str) -> Option<String> {
    // The longest spelling found, so that 发展改革委员会 is not read as 发展改革委.
    let (at, spelling, short) = DEPARTMENTS
        .iter()
        .flat_map(|forms| forms.iter().map(move |f| (*f, forms[0])))
        .filter_map(|(f, short)| name.find(f).map(|at| (at, f, short)))
        .max_by_key(|(_, f, _)| f.len())?;
    Some(format!("{}{short}{}", &name[..at], &name[at + spelling.len()..]))
}

#[cfg(test)]
mod tests {
    use super::org_key;

    #[test]
    fn spellings_of_one_department_share_a_key() {
        for (a, b) in [
            ("区发改局", "区发展改革局"),
            ("区发改局", "区发展和改革局"),
            ("市发改委", "市发展和改革委员会"),
            ("区人社局", "区人力资源和社会保障局"),
            ("区市场监管局", "区市场监督管理局"),
            ("区卫健委", "区卫生健康委员会"),
        ] {
            assert_eq!(org_key(a), org_key(b), "{a} {b}");
            assert!(org_key(a).is_some(), "{a}");
        }
    }

    #[test]
    fn other_units_stay_apart() {
        assert_ne!(org_key("区科技局"), org_key("市科技局"));
        assert_ne!(org_key("区发改局"), org_key("区发改委"));
        assert_eq!(org_key("区财政局"), None);
        assert_eq!(org_key("各街道"), None);
    }
}
